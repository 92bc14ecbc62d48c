CREATE TABLE audit_log_old (
    id INTEGER PRIMARY KEY NOT NULL,
    at TIMESTAMP NOT NULL,
    user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    user_name TEXT,
    address TEXT,
    action TEXT NOT NULL CHECK (action IN (
        'login_succeeded', 'login_failed', 'logout', 'write_refused',
        'create', 'update', 'delete', 'publish', 'unpublish')),
    entity TEXT,
    entity_id INTEGER,
    before_json TEXT,
    after_json TEXT,
    note TEXT
);
-- The old CHECK has no 'login_refused': those rows are kept as failures,
-- with their note.
INSERT INTO audit_log_old
SELECT id, at, user_id, user_name, address,
       CASE action WHEN 'login_refused' THEN 'login_failed' ELSE action END,
       entity, entity_id, before_json, after_json, note
FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_old RENAME TO audit_log;
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, at);
CREATE INDEX audit_log_login_name ON audit_log (action, user_name, at);
CREATE INDEX audit_log_login_address ON audit_log (action, address, at);

DROP TABLE login_challenges;
DROP TABLE login_attempts;

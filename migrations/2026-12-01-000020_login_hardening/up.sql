-- Login throttling: every attempt is reserved here before its password is
-- verified ('pending'), then marked 'failed' or 'succeeded'. The limits
-- count pending and failed rows per account, per account and address, and
-- per address, so parallel attempts cannot all pass the check. Rows leave
-- the table once they no longer count (see src/auth/attempts.rs).
CREATE TABLE login_attempts (
    id INTEGER PRIMARY KEY NOT NULL,
    at TIMESTAMP NOT NULL,
    user_name TEXT NOT NULL,
    address TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('pending', 'failed', 'succeeded'))
);
CREATE INDEX login_attempts_name ON login_attempts (user_name, at);
CREATE INDEX login_attempts_name_address ON login_attempts (user_name, address, at);
CREATE INDEX login_attempts_address ON login_attempts (address, at);
CREATE INDEX login_attempts_at ON login_attempts (at);

-- The login form's token, issued by the server when it renders the form
-- and consumed when the form comes back; only its SHA-256 is kept.
CREATE TABLE login_challenges (
    token_hash TEXT PRIMARY KEY NOT NULL,
    address TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX login_challenges_created ON login_challenges (created_at);
CREATE INDEX login_challenges_address ON login_challenges (address, created_at);

-- Refused logins (too many attempts, server busy, a bad form) are audited
-- as 'login_refused': SQLite cannot alter a CHECK, so the table is rebuilt.
CREATE TABLE audit_log_new (
    id INTEGER PRIMARY KEY NOT NULL,
    at TIMESTAMP NOT NULL,
    user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    user_name TEXT,
    address TEXT,
    action TEXT NOT NULL CHECK (action IN (
        'login_succeeded', 'login_failed', 'login_refused', 'logout', 'write_refused',
        'create', 'update', 'delete', 'publish', 'unpublish')),
    entity TEXT,
    entity_id INTEGER,
    before_json TEXT,
    after_json TEXT,
    note TEXT
);
INSERT INTO audit_log_new SELECT * FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, at);
CREATE INDEX audit_log_login_name ON audit_log (action, user_name, at);
CREATE INDEX audit_log_login_address ON audit_log (action, address, at);

-- Accounts: admins manage everything; a clerk edits the clusters assigned
-- to them. Passwords are argon2id hashes (PHC strings).
CREATE TABLE users (
    id INTEGER PRIMARY KEY NOT NULL,
    name TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'clerk')),
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    password_changed_at TIMESTAMP NOT NULL
);

CREATE TABLE user_clusters (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    cluster_id INTEGER NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, cluster_id)
);
CREATE INDEX user_clusters_cluster ON user_clusters (cluster_id);

-- Server-side sessions: the cookie holds a random token, the table only
-- its SHA-256, so a copy of the database cannot be used to sign in.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Who did what, when: logins (never passwords), refused writes, and every
-- change with the record before and after (JSON).
CREATE TABLE audit_log (
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
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, at);
CREATE INDEX audit_log_login_name ON audit_log (action, user_name, at);
CREATE INDEX audit_log_login_address ON audit_log (action, address, at);

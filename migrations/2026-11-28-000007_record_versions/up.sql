-- A version number on each record a clerk edits: a save names the version
-- it started from and is refused if someone saved in between.
ALTER TABLE cluster_years ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE award_proposals ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE units ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE clusters ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE award_kinds ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- The signed minutes of a conference, as uploaded (PDF, PNG or JPEG).
CREATE TABLE attachments (
    id INTEGER PRIMARY KEY NOT NULL,
    conference_id INTEGER NOT NULL REFERENCES conferences (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg')),
    size INTEGER NOT NULL CHECK (size > 0),
    content BLOB NOT NULL,
    uploaded_at TIMESTAMP NOT NULL,
    uploaded_by INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX attachments_conference ON attachments (conference_id);

-- A file an admin uploaded to import, kept between the preview and the
-- admin's confirmation (so the file is not chosen twice); removed when
-- applied, and older ones on every new upload.
CREATE TABLE import_uploads (
    id INTEGER PRIMARY KEY NOT NULL,
    token TEXT NOT NULL UNIQUE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content BLOB NOT NULL,
    uploaded_at TIMESTAMP NOT NULL
);
CREATE INDEX import_uploads_uploaded_at ON import_uploads (uploaded_at);

-- One row: the version of the record data, bumped by every write of
-- records (not by sessions or sign-ins) in the same transaction as the
-- write. Pages derive their ETag from it and the in-process page cache is
-- invalidated by it; kept in the database so that servers sharing the data
-- agree. The version only grows and starts at the clock in microseconds,
-- so a database made anew (or restored from an old backup and then
-- written) never reuses a version already given to other content.
CREATE TABLE data_version (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    version BIGINT NOT NULL,
    changed_at TIMESTAMP NOT NULL
);
INSERT INTO data_version (id, version, changed_at)
VALUES (1, CAST(strftime('%s', 'now') AS INTEGER) * 1000000, strftime('%Y-%m-%d %H:%M:%S', 'now'));

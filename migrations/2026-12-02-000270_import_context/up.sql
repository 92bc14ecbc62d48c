-- What the admin said beside an uploaded file, kept with it until it is
-- applied: the kind chosen (empty: read from the headers) and, as JSON,
-- the cluster and year of a table that does not name them and the units
-- chosen for names that fit several.
ALTER TABLE import_uploads ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE import_uploads ADD COLUMN context TEXT NOT NULL DEFAULT '{}';

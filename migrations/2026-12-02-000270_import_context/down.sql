ALTER TABLE import_uploads DROP COLUMN context;
ALTER TABLE import_uploads DROP COLUMN kind;

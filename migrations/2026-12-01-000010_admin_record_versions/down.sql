ALTER TABLE users DROP COLUMN version;
ALTER TABLE memberships DROP COLUMN version;
ALTER TABLE organising_bodies DROP COLUMN version;

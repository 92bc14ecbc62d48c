DROP TABLE attachments;
ALTER TABLE award_kinds DROP COLUMN version;
ALTER TABLE clusters DROP COLUMN version;
ALTER TABLE units DROP COLUMN version;
ALTER TABLE award_proposals DROP COLUMN version;
ALTER TABLE cluster_years DROP COLUMN version;

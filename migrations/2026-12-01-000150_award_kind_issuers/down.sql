DROP INDEX award_kinds_body;
ALTER TABLE award_kinds DROP COLUMN organising_body_id;

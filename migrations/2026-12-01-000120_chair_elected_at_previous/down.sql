ALTER TABLE cluster_years DROP COLUMN chair_elected_at_previous;

ALTER TABLE cluster_year_movements DROP COLUMN to_year;
ALTER TABLE cluster_year_movements DROP COLUMN from_year;

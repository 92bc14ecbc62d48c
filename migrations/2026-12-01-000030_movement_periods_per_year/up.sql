-- The period of a movement as one cluster-year reported it. A movement
-- (a national or provincial campaign) is shared by every cluster that
-- takes part; one cluster's report of its period must not rewrite what
-- the others show, so the period typed on a year's form lives on that
-- year's link. Empty: the movement's own period applies.
ALTER TABLE cluster_year_movements ADD COLUMN from_year INTEGER;
ALTER TABLE cluster_year_movements ADD COLUMN to_year INTEGER;

-- Public pages read published years only: the home page and the rotation
-- by cluster and year, the tallies and search by status.
CREATE INDEX cluster_years_status ON cluster_years (status, cluster_id, year);

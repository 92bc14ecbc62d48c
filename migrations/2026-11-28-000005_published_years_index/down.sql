DROP INDEX cluster_years_status;

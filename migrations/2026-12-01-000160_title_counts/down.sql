DROP INDEX title_counts_unit;
DROP INDEX title_counts_year_order;
DROP TABLE title_counts;

DROP TABLE body_title_counts;

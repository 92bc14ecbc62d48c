DROP TABLE member_results;
DROP TABLE indicator_values;
DROP TABLE indicators;

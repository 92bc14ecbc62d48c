DROP INDEX units_parent_folded;
DROP INDEX units_code;
ALTER TABLE units DROP COLUMN code;

DROP INDEX units_successor;
CREATE INDEX units_successor ON units (successor_id);

-- Almost every unit has no successor: statistics on the full index count
-- all the NULLs as one value, so the planner expects `successor_id = ?`
-- to match the whole table and scans it (the unit page's related units).
-- Only units with a successor are indexed now; `successor_id = ?` implies
-- NOT NULL, so the planner still uses it, with a true row estimate.
DROP INDEX units_successor;
CREATE INDEX units_successor ON units (successor_id) WHERE successor_id IS NOT NULL;

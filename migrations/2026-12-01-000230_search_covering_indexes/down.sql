DROP INDEX conferences_held_on_search;
CREATE INDEX conferences_held_on ON conferences (held_on);
DROP INDEX people_full_name_search;
CREATE INDEX people_full_name ON people (full_name);

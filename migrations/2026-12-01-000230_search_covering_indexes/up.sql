-- Search reads candidates in the order it shows them (people by name,
-- conferences newest first) and tests each word with LIKE '%…%'. With the
-- folded text in the same index, the test is made on the index alone and
-- no row (a conference's row carries its minutes) is read for a
-- candidate that does not match. They replace the single-column indexes
-- they begin with.
DROP INDEX people_full_name;
CREATE INDEX people_full_name_search ON people (full_name, search_text);
DROP INDEX conferences_held_on;
CREATE INDEX conferences_held_on_search ON conferences (held_on, search_text, cluster_year_id);

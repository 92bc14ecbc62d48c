-- How many individuals or collectives got each title in a cluster-year,
-- as boards report them ("1.250 cá nhân đạt danh hiệu Lao động tiên
-- tiến"). A count belongs to a member (unit_id) or, with no unit, to the
-- whole cluster or board as the report gives it. Attached to the
-- cluster-year so that it follows the year's draft/publish status.
CREATE TABLE title_counts (
    id INTEGER PRIMARY KEY NOT NULL,
    cluster_year_id INTEGER NOT NULL REFERENCES cluster_years (id) ON DELETE CASCADE,
    unit_id INTEGER REFERENCES units (id),
    title TEXT NOT NULL,
    recipient TEXT NOT NULL CHECK (recipient IN ('individual', 'collective')),
    count INTEGER NOT NULL CHECK (count >= 0),
    note TEXT,
    sort_order INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX title_counts_year_order ON title_counts (cluster_year_id, sort_order);
CREATE INDEX title_counts_unit ON title_counts (unit_id);

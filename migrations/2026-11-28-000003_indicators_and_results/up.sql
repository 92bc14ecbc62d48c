CREATE TABLE indicators (
    id INTEGER PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    measure_unit TEXT NOT NULL DEFAULT '',
    UNIQUE (name, measure_unit)
);

-- A reported figure exactly as written: decimals are kept as text
-- ("525.2" stays 525,2), with its qualifier and comparisons.
-- unit_id NULL means the cluster as a whole.
CREATE TABLE indicator_values (
    id INTEGER PRIMARY KEY NOT NULL,
    cluster_year_id INTEGER NOT NULL REFERENCES cluster_years (id) ON DELETE CASCADE,
    indicator_id INTEGER NOT NULL REFERENCES indicators (id),
    unit_id INTEGER REFERENCES units (id),
    value TEXT,
    -- "12/12 xã": value 12 out of 12.
    out_of TEXT,
    estimated BOOLEAN NOT NULL DEFAULT FALSE,
    bound TEXT NOT NULL DEFAULT 'exact' CHECK (bound IN ('exact', 'over', 'nearly')),
    -- "tăng 3,5% so với cùng kỳ" (negative: a fall).
    growth_pct TEXT,
    -- "bằng 107,7% so với cùng kỳ".
    same_period_pct TEXT,
    -- "đạt 100% kế hoạch".
    plan_pct TEXT,
    note TEXT,
    sort_order INTEGER NOT NULL DEFAULT 0,
    CHECK (value IS NOT NULL OR note IS NOT NULL)
);
CREATE INDEX indicator_values_cluster_year ON indicator_values (cluster_year_id, indicator_id);
CREATE INDEX indicator_values_unit ON indicator_values (unit_id);
CREATE INDEX indicator_values_indicator ON indicator_values (indicator_id);

-- Scoring and ranking of a member for a cluster-year.
CREATE TABLE member_results (
    id INTEGER PRIMARY KEY NOT NULL,
    cluster_year_id INTEGER NOT NULL REFERENCES cluster_years (id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units (id),
    score TEXT,
    rank INTEGER CHECK (rank IS NULL OR rank >= 1),
    grade TEXT,
    note TEXT,
    UNIQUE (cluster_year_id, unit_id)
);
CREATE INDEX member_results_unit ON member_results (unit_id);

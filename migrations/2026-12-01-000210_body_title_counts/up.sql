-- Counts of titles an organising body reports for itself, outside any
-- cluster: a district's or a province's board gives "1.250 cá nhân đạt
-- danh hiệu Lao động tiên tiến" for the whole district in a year. Entered
-- by an admin of the board; public once entered (a board's published
-- statistics, with no draft of their own).
CREATE TABLE body_title_counts (
    id INTEGER PRIMARY KEY NOT NULL,
    organising_body_id INTEGER NOT NULL REFERENCES organising_bodies (id) ON DELETE CASCADE,
    year INTEGER NOT NULL CHECK (year BETWEEN 1945 AND 2100),
    title TEXT NOT NULL,
    recipient TEXT NOT NULL CHECK (recipient IN ('individual', 'collective')),
    count INTEGER NOT NULL CHECK (count >= 0),
    note TEXT,
    sort_order INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX body_title_counts_body_year ON body_title_counts (organising_body_id, year, sort_order);
CREATE INDEX body_title_counts_year ON body_title_counts (year);

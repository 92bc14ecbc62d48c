-- How much of a date a report gives ('day', 'month', 'year' or 'unknown').
-- The date column beside it keeps the first day of what is known, so that
-- records still sort by it; a conference whose report gives no date keeps
-- the last day of its year there ('unknown'), placing it after the dated
-- ones of that year. Existing rows are full dates.
ALTER TABLE conferences ADD COLUMN held_on_precision TEXT NOT NULL DEFAULT 'day'
    CHECK (held_on_precision IN ('day', 'month', 'year', 'unknown'));
ALTER TABLE covenants ADD COLUMN signed_on_precision TEXT NOT NULL DEFAULT 'day'
    CHECK (signed_on_precision IN ('day', 'month', 'year', 'unknown'));

-- A decision is recorded as far as the report gives it: a number without
-- a date, a date without a number, or nothing but that it was made ("đã
-- quyết định"). The CHECK demanding some of them made clerks type filler;
-- SQLite cannot drop a CHECK, so the table is rebuilt (nothing refers to
-- its rows), with the indexes of 2026-12-01-000110.
CREATE TABLE award_proposals_new (
    id INTEGER PRIMARY KEY NOT NULL,
    cluster_year_id INTEGER NOT NULL REFERENCES cluster_years (id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units (id),
    award_kind_id INTEGER NOT NULL REFERENCES award_kinds (id),
    conference_id INTEGER REFERENCES conferences (id) ON DELETE SET NULL,
    votes_for INTEGER CHECK (votes_for IS NULL OR votes_for >= 0),
    votes_against INTEGER CHECK (votes_against IS NULL OR votes_against >= 0),
    votes_abstain INTEGER CHECK (votes_abstain IS NULL OR votes_abstain >= 0),
    unanimous BOOLEAN NOT NULL DEFAULT FALSE,
    status TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'appraised', 'returned', 'decided', 'declined')),
    decision_number TEXT,
    decision_date DATE,
    decided_by TEXT,
    note TEXT,
    sort_order INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1,
    decision_date_precision TEXT NOT NULL DEFAULT 'day'
        CHECK (decision_date_precision IN ('day', 'month', 'year', 'unknown')),
    UNIQUE (cluster_year_id, unit_id, award_kind_id)
);
INSERT INTO award_proposals_new (
    id, cluster_year_id, unit_id, award_kind_id, conference_id, votes_for, votes_against,
    votes_abstain, unanimous, status, decision_number, decision_date, decided_by, note,
    sort_order, version)
SELECT id, cluster_year_id, unit_id, award_kind_id, conference_id, votes_for, votes_against,
    votes_abstain, unanimous, status, decision_number, decision_date, decided_by, note,
    sort_order, version
FROM award_proposals;
DROP TABLE award_proposals;
ALTER TABLE award_proposals_new RENAME TO award_proposals;
CREATE INDEX award_proposals_unit ON award_proposals (unit_id);
CREATE INDEX award_proposals_kind_status ON award_proposals (award_kind_id, status);
CREATE INDEX award_proposals_conference ON award_proposals (conference_id);
ALTER TABLE cluster_years ADD COLUMN chair_decision_date_precision TEXT NOT NULL DEFAULT 'day'
    CHECK (chair_decision_date_precision IN ('day', 'month', 'year', 'unknown'));

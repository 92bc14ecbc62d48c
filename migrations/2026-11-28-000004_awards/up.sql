-- The award catalogue is data: organisations have awards of their own.
-- rank orders kinds like a medal table, 1 the highest.
CREATE TABLE award_kinds (
    id INTEGER PRIMARY KEY NOT NULL,
    name TEXT NOT NULL UNIQUE,
    short_name TEXT NOT NULL,
    issuing_authority TEXT NOT NULL,
    -- Emulation title (danh hiệu) or form of commendation (hình thức khen thưởng).
    category TEXT NOT NULL CHECK (category IN ('title', 'commendation')),
    rank INTEGER NOT NULL CHECK (rank >= 1)
);

-- An award proposed by a cluster for a member's year, with the vote, and
-- later the authority's decision.
CREATE TABLE award_proposals (
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
    UNIQUE (cluster_year_id, unit_id, award_kind_id),
    CHECK (status <> 'decided' OR (decision_number IS NOT NULL AND decision_date IS NOT NULL))
);
CREATE INDEX award_proposals_unit ON award_proposals (unit_id);
CREATE INDEX award_proposals_kind ON award_proposals (award_kind_id);
CREATE INDEX award_proposals_conference ON award_proposals (conference_id);

-- Back to the stricter CHECK: a decided award lacking its number or date
-- cannot stay 'decided' there, so it goes back to 'appraised' with every
-- field it has kept.
CREATE TABLE award_proposals_rebuilt (
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
    UNIQUE (cluster_year_id, unit_id, award_kind_id),
    CHECK (status <> 'decided' OR (decision_number IS NOT NULL AND decision_date IS NOT NULL))
);
INSERT INTO award_proposals_rebuilt (id, cluster_year_id, unit_id, award_kind_id, conference_id,
    votes_for, votes_against, votes_abstain, unanimous, status, decision_number, decision_date,
    decided_by, note, sort_order, version)
SELECT id, cluster_year_id, unit_id, award_kind_id, conference_id,
    votes_for, votes_against, votes_abstain, unanimous,
    CASE WHEN status = 'decided' AND (decision_number IS NULL OR decision_date IS NULL)
        THEN 'appraised' ELSE status END,
    decision_number, decision_date, decided_by, note, sort_order, version
FROM award_proposals;
DROP TABLE award_proposals;
ALTER TABLE award_proposals_rebuilt RENAME TO award_proposals;
CREATE INDEX award_proposals_unit ON award_proposals (unit_id);
CREATE INDEX award_proposals_kind ON award_proposals (award_kind_id);
CREATE INDEX award_proposals_conference ON award_proposals (conference_id);

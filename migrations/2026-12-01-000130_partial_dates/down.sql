ALTER TABLE cluster_years DROP COLUMN chair_decision_date_precision;
-- Back to the table of 2026-12-01-000110, which demands a number, a date
-- or an issuer for a decision; one recorded without any returns to
-- 'appraised'.
CREATE TABLE award_proposals_old (
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
    CHECK (status <> 'decided' OR decision_number IS NOT NULL OR decision_date IS NOT NULL OR decided_by IS NOT NULL)
);
INSERT INTO award_proposals_old
SELECT id, cluster_year_id, unit_id, award_kind_id, conference_id, votes_for, votes_against,
    votes_abstain, unanimous,
    CASE WHEN status = 'decided' AND decision_number IS NULL AND decision_date IS NULL
              AND decided_by IS NULL
         THEN 'appraised' ELSE status END,
    decision_number, decision_date, decided_by, note, sort_order, version
FROM award_proposals;
DROP TABLE award_proposals;
ALTER TABLE award_proposals_old RENAME TO award_proposals;
CREATE INDEX award_proposals_unit ON award_proposals (unit_id);
CREATE INDEX award_proposals_kind_status ON award_proposals (award_kind_id, status);
CREATE INDEX award_proposals_conference ON award_proposals (conference_id);
ALTER TABLE covenants DROP COLUMN signed_on_precision;
ALTER TABLE conferences DROP COLUMN held_on_precision;

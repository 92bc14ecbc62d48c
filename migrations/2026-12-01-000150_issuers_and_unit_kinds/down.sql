-- The new unit kinds fold back into the nearest old ones.
PRAGMA defer_foreign_keys = ON;
CREATE TABLE units_copy AS SELECT * FROM units;
DROP TABLE units;
CREATE TABLE units (
    id INTEGER PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN (
        'province', 'central_city', 'ministry', 'central_agency', 'district', 'town',
        'provincial_city', 'commune', 'ward', 'township', 'special_zone',
        'department', 'organisation', 'other')),
    parent_id INTEGER REFERENCES units (id),
    valid_from DATE,
    valid_to DATE,
    successor_id INTEGER REFERENCES units (id),
    note TEXT,
    -- Name folded for search: lower case, no diacritics, NFC-independent.
    search_text TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_to >= valid_from),
    CHECK (successor_id IS NULL OR successor_id <> id),
    CHECK (parent_id IS NULL OR parent_id <> id)
);
INSERT INTO units (id, name, kind, parent_id, valid_from, valid_to, successor_id, note, search_text, version)
SELECT id, name, CASE
    WHEN kind IN ('fatherland_front', 'labour_federation', 'youth_union', 'womens_union',
        'farmers_union', 'veterans_union', 'association') THEN 'organisation'
    WHEN kind = 'agency' THEN 'department'
    WHEN kind = 'enterprise' THEN 'other'
    ELSE kind END, parent_id, valid_from, valid_to, successor_id, note, search_text, version
FROM units_copy;
DROP TABLE units_copy;
CREATE INDEX units_parent ON units (parent_id);
CREATE INDEX units_successor ON units (successor_id);

DROP INDEX award_kinds_body;
ALTER TABLE award_kinds DROP COLUMN organising_body_id;

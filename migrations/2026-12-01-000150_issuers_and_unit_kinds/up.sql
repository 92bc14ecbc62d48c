-- Each award belongs to an issuer: NULL is a national award (Chính phủ,
-- Thủ tướng, Chủ tịch nước, a central ministry or committee, or a generic
-- kind shared by every body, like "Cờ thi đua của Ủy ban nhân dân tỉnh");
-- otherwise the organising body whose authority confers it (UBND tỉnh Bắc
-- Kạn's own flag). A cluster is offered its own body's awards and the
-- national ones. From now on rank orders kinds within their issuer only.
ALTER TABLE award_kinds ADD COLUMN organising_body_id INTEGER REFERENCES organising_bodies (id);
CREATE INDEX award_kinds_body ON award_kinds (organising_body_id);

-- Backfill: a kind whose name or issuing authority names exactly one body
-- (its full or short name) belongs to that body; any other stays national.
UPDATE award_kinds
SET organising_body_id = (
    SELECT b.id FROM organising_bodies b
    WHERE instr(award_kinds.name, b.name) > 0
       OR instr(award_kinds.name, b.short_name) > 0
       OR instr(award_kinds.issuing_authority, b.name) > 0
       OR instr(award_kinds.issuing_authority, b.short_name) > 0
)
WHERE (
    SELECT COUNT(*) FROM organising_bodies b
    WHERE instr(award_kinds.name, b.name) > 0
       OR instr(award_kinds.name, b.short_name) > 0
       OR instr(award_kinds.issuing_authority, b.name) > 0
       OR instr(award_kinds.issuing_authority, b.short_name) > 0
) = 1;

-- Units of mass organisations, agencies and enterprises have kinds of their
-- own. SQLite cannot change a CHECK, so units is rebuilt. Many tables refer
-- to it (none with ON DELETE actions), and PRAGMA foreign_keys cannot be
-- turned off inside the migration's transaction: the references are
-- deferred to COMMIT instead. DROP TABLE's implicit delete counts each
-- referring row as a violation, and putting every row back under the same
-- id (the referring tables name "units", so they now point to the new
-- table) clears them; COMMIT fails if anything is left dangling.
PRAGMA defer_foreign_keys = ON;
CREATE TABLE units_copy AS SELECT * FROM units;
DROP TABLE units;
CREATE TABLE units (
    id INTEGER PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN (
        'province', 'central_city', 'ministry', 'central_agency', 'district', 'town',
        'provincial_city', 'commune', 'ward', 'township', 'special_zone',
        'department', 'organisation', 'agency', 'enterprise',
        'fatherland_front', 'labour_federation', 'youth_union', 'womens_union',
        'farmers_union', 'veterans_union', 'association', 'other')),
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
SELECT id, name, kind, parent_id, valid_from, valid_to, successor_id, note, search_text, version
FROM units_copy;
DROP TABLE units_copy;
CREATE INDEX units_parent ON units (parent_id);
CREATE INDEX units_successor ON units (successor_id);

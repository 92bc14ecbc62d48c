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

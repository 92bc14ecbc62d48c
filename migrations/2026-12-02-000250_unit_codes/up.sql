-- The official code of an administrative unit (General Statistics Office:
-- "01" for Hà Nội, "00070" for phường Hoàn Kiếm), so that a unit added from
-- the built-in catalogue or an import is matched by code, never entered
-- twice. Units without one (departments, mass organisations, the districts
-- of the seeds) keep NULL.
ALTER TABLE units ADD COLUMN code TEXT CHECK (code IS NULL OR length(code) BETWEEN 1 AND 16);
CREATE UNIQUE INDEX units_code ON units (code) WHERE code IS NOT NULL;
-- Matching a typed name within a parent: "Lộc Hà" under Hà Tĩnh.
CREATE INDEX units_parent_folded ON units (parent_id, search_text);

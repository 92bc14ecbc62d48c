-- What the award tallies count changes far less often than the record:
-- a clerk correcting a year's minutes or theme leaves every count as it
-- was. These triggers flag, in the write's own transaction, a change to
-- anything the tallies read; db::version::bump then moves
-- tallies_version to the write's new data version, and the tallies are
-- kept until it moves (db::memo). Triggers rather than each write saying
-- what it touched: a write path added later cannot forget them.
ALTER TABLE data_version ADD COLUMN tallies_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE data_version ADD COLUMN tallies_changed BOOLEAN NOT NULL DEFAULT 0;
UPDATE data_version SET tallies_version = version;

CREATE TRIGGER award_proposals_tallies_insert AFTER INSERT ON award_proposals
BEGIN UPDATE data_version SET tallies_changed = 1 WHERE id = 1; END;
CREATE TRIGGER award_proposals_tallies_delete AFTER DELETE ON award_proposals
BEGIN UPDATE data_version SET tallies_changed = 1 WHERE id = 1; END;
CREATE TRIGGER award_proposals_tallies_update AFTER UPDATE OF cluster_year_id, unit_id, award_kind_id, status ON award_proposals
WHEN OLD.cluster_year_id IS NOT NEW.cluster_year_id
  OR OLD.unit_id IS NOT NEW.unit_id
  OR OLD.award_kind_id IS NOT NEW.award_kind_id
  OR OLD.status IS NOT NEW.status
BEGIN UPDATE data_version SET tallies_changed = 1 WHERE id = 1; END;

CREATE TRIGGER title_counts_tallies_insert AFTER INSERT ON title_counts
BEGIN UPDATE data_version SET tallies_changed = 1 WHERE id = 1; END;
CREATE TRIGGER title_counts_tallies_delete AFTER DELETE ON title_counts
BEGIN UPDATE data_version SET tallies_changed = 1 WHERE id = 1; END;
CREATE TRIGGER title_counts_tallies_update AFTER UPDATE OF cluster_year_id, title, recipient, count ON title_counts
WHEN OLD.cluster_year_id IS NOT NEW.cluster_year_id
  OR OLD.title IS NOT NEW.title
  OR OLD.recipient IS NOT NEW.recipient
  OR OLD.count IS NOT NEW.count
BEGIN UPDATE data_version SET tallies_changed = 1 WHERE id = 1; END;

CREATE TRIGGER body_title_counts_tallies_insert AFTER INSERT ON body_title_counts
BEGIN UPDATE data_version SET tallies_changed = 1 WHERE id = 1; END;
CREATE TRIGGER body_title_counts_tallies_delete AFTER DELETE ON body_title_counts
BEGIN UPDATE data_version SET tallies_changed = 1 WHERE id = 1; END;
CREATE TRIGGER body_title_counts_tallies_update AFTER UPDATE OF organising_body_id, year, title, recipient, count ON body_title_counts
WHEN OLD.organising_body_id IS NOT NEW.organising_body_id
  OR OLD.year IS NOT NEW.year
  OR OLD.title IS NOT NEW.title
  OR OLD.recipient IS NOT NEW.recipient
  OR OLD.count IS NOT NEW.count
BEGIN UPDATE data_version SET tallies_changed = 1 WHERE id = 1; END;

CREATE TRIGGER cluster_years_tallies_insert AFTER INSERT ON cluster_years
WHEN NEW.status = 'published'
BEGIN UPDATE data_version SET tallies_changed = 1 WHERE id = 1; END;
CREATE TRIGGER cluster_years_tallies_delete AFTER DELETE ON cluster_years
WHEN OLD.status = 'published'
BEGIN UPDATE data_version SET tallies_changed = 1 WHERE id = 1; END;
CREATE TRIGGER cluster_years_tallies_update AFTER UPDATE OF cluster_id, year, status ON cluster_years
WHEN OLD.cluster_id IS NOT NEW.cluster_id
  OR OLD.year IS NOT NEW.year
  OR OLD.status IS NOT NEW.status
BEGIN UPDATE data_version SET tallies_changed = 1 WHERE id = 1; END;

CREATE TRIGGER clusters_tallies_insert AFTER INSERT ON clusters
BEGIN UPDATE data_version SET tallies_changed = 1 WHERE id = 1; END;
CREATE TRIGGER clusters_tallies_delete AFTER DELETE ON clusters
BEGIN UPDATE data_version SET tallies_changed = 1 WHERE id = 1; END;
CREATE TRIGGER clusters_tallies_update AFTER UPDATE OF name, kind, organising_body_id ON clusters
WHEN OLD.name IS NOT NEW.name
  OR OLD.kind IS NOT NEW.kind
  OR OLD.organising_body_id IS NOT NEW.organising_body_id
BEGIN UPDATE data_version SET tallies_changed = 1 WHERE id = 1; END;

CREATE TRIGGER organising_bodies_tallies_insert AFTER INSERT ON organising_bodies
BEGIN UPDATE data_version SET tallies_changed = 1 WHERE id = 1; END;
CREATE TRIGGER organising_bodies_tallies_delete AFTER DELETE ON organising_bodies
BEGIN UPDATE data_version SET tallies_changed = 1 WHERE id = 1; END;
CREATE TRIGGER organising_bodies_tallies_update AFTER UPDATE OF name, short_name, sort_order ON organising_bodies
WHEN OLD.name IS NOT NEW.name
  OR OLD.short_name IS NOT NEW.short_name
  OR OLD.sort_order IS NOT NEW.sort_order
BEGIN UPDATE data_version SET tallies_changed = 1 WHERE id = 1; END;

CREATE TRIGGER award_kinds_tallies_insert AFTER INSERT ON award_kinds
BEGIN UPDATE data_version SET tallies_changed = 1 WHERE id = 1; END;
CREATE TRIGGER award_kinds_tallies_delete AFTER DELETE ON award_kinds
BEGIN UPDATE data_version SET tallies_changed = 1 WHERE id = 1; END;
CREATE TRIGGER award_kinds_tallies_update AFTER UPDATE OF name, short_name, issuing_authority, category, rank, organising_body_id ON award_kinds
WHEN OLD.name IS NOT NEW.name
  OR OLD.short_name IS NOT NEW.short_name
  OR OLD.issuing_authority IS NOT NEW.issuing_authority
  OR OLD.category IS NOT NEW.category
  OR OLD.rank IS NOT NEW.rank
  OR OLD.organising_body_id IS NOT NEW.organising_body_id
BEGIN UPDATE data_version SET tallies_changed = 1 WHERE id = 1; END;

CREATE TRIGGER units_tallies_insert AFTER INSERT ON units
BEGIN UPDATE data_version SET tallies_changed = 1 WHERE id = 1; END;
CREATE TRIGGER units_tallies_delete AFTER DELETE ON units
BEGIN UPDATE data_version SET tallies_changed = 1 WHERE id = 1; END;
CREATE TRIGGER units_tallies_update AFTER UPDATE OF name, kind ON units
WHEN OLD.name IS NOT NEW.name
  OR OLD.kind IS NOT NEW.kind
BEGIN UPDATE data_version SET tallies_changed = 1 WHERE id = 1; END;

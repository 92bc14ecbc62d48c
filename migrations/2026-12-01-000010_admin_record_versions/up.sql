-- Version numbers on the admin's records that had none, so a save or a
-- delete started from an older copy is refused instead of silently
-- undoing someone else's change (the same rule as 2026-11-28-000007).
ALTER TABLE organising_bodies ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE memberships ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

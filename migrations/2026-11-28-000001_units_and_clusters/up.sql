-- Who organises clusters: the central council, a province's or district's
-- People's Committee, a mass organisation.
CREATE TABLE organising_bodies (
    id INTEGER PRIMARY KEY NOT NULL,
    name TEXT NOT NULL UNIQUE,
    short_name TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('central', 'province', 'district', 'commune', 'organisation')),
    -- The emulation board that receives a cluster's reports ("Nơi nhận").
    board_name TEXT,
    sort_order INTEGER NOT NULL DEFAULT 0
);

-- A member unit as it was: a rename or merger ends a row (valid_to) and
-- points to its successor, so old records keep the names of their year.
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
    CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_to >= valid_from),
    CHECK (successor_id IS NULL OR successor_id <> id),
    CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX units_parent ON units (parent_id);
CREATE INDEX units_successor ON units (successor_id);

CREATE TABLE clusters (
    id INTEGER PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('cluster', 'block', 'group')),
    organising_body_id INTEGER NOT NULL REFERENCES organising_bodies (id),
    first_year INTEGER CHECK (first_year IS NULL OR first_year BETWEEN 1945 AND 2100),
    last_year INTEGER CHECK (last_year IS NULL OR last_year BETWEEN 1945 AND 2100),
    -- Number of members the founding decision or a report gives, when the
    -- member list on record may be incomplete.
    member_count INTEGER CHECK (member_count IS NULL OR member_count > 0),
    description TEXT,
    search_text TEXT NOT NULL,
    CHECK (first_year IS NULL OR last_year IS NULL OR last_year >= first_year)
);
CREATE INDEX clusters_body ON clusters (organising_body_id);

-- Membership for a span of years, set by a decision (number, date).
CREATE TABLE memberships (
    id INTEGER PRIMARY KEY NOT NULL,
    cluster_id INTEGER NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units (id),
    from_year INTEGER NOT NULL CHECK (from_year BETWEEN 1945 AND 2100),
    to_year INTEGER CHECK (to_year IS NULL OR to_year >= from_year),
    decision_number TEXT,
    decision_date DATE,
    sort_order INTEGER NOT NULL DEFAULT 0,
    UNIQUE (cluster_id, unit_id, from_year)
);
CREATE INDEX memberships_unit ON memberships (unit_id);

CREATE TABLE people (
    id INTEGER PRIMARY KEY NOT NULL,
    full_name TEXT NOT NULL,
    search_text TEXT NOT NULL
);
CREATE INDEX people_full_name ON people (full_name);

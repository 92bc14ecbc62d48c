-- One year of one cluster: who chaired it, its theme and its record status.
-- The chair of year Y is chosen at the summary conference of Y-1; the row
-- for Y may exist with only that.
CREATE TABLE cluster_years (
    id INTEGER PRIMARY KEY NOT NULL,
    cluster_id INTEGER NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
    year INTEGER NOT NULL CHECK (year BETWEEN 1945 AND 2100),
    theme TEXT,
    chair_unit_id INTEGER REFERENCES units (id),
    chair_person_id INTEGER REFERENCES people (id),
    chair_person_title TEXT,
    vice_chair_unit_id INTEGER REFERENCES units (id),
    vice_chair_person_id INTEGER REFERENCES people (id),
    vice_chair_person_title TEXT,
    chair_selection TEXT CHECK (chair_selection IN ('elected', 'handed_over', 'proposed', 'approved', 'appointed')),
    -- When the members propose and a council decides.
    chair_decision_number TEXT,
    chair_decision_date DATE,
    summary TEXT,
    directions TEXT,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
    UNIQUE (cluster_id, year),
    CHECK (chair_unit_id IS NULL OR vice_chair_unit_id IS NULL OR chair_unit_id <> vice_chair_unit_id)
);
CREATE INDEX cluster_years_chair ON cluster_years (chair_unit_id);
CREATE INDEX cluster_years_vice_chair ON cluster_years (vice_chair_unit_id);
CREATE INDEX cluster_years_year ON cluster_years (year);

-- A conference reviewing (or opening) a cluster-year.
CREATE TABLE conferences (
    id INTEGER PRIMARY KEY NOT NULL,
    cluster_year_id INTEGER NOT NULL REFERENCES cluster_years (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('year_end_summary', 'mid_year_review', 'covenant_signing', 'other')),
    title TEXT,
    held_on DATE NOT NULL,
    part_of_day TEXT CHECK (part_of_day IN ('morning', 'afternoon', 'evening')),
    -- Place name for the "<place>, ngày ..." line of a printed report.
    locality TEXT,
    venue TEXT,
    host_unit_id INTEGER REFERENCES units (id),
    members_present INTEGER CHECK (members_present IS NULL OR members_present >= 0),
    minutes TEXT,
    source_title TEXT,
    source_author TEXT,
    source_published_on DATE,
    search_text TEXT NOT NULL
);
CREATE INDEX conferences_cluster_year ON conferences (cluster_year_id, held_on);
CREATE INDEX conferences_held_on ON conferences (held_on);
CREATE INDEX conferences_host ON conferences (host_unit_id);

-- Who presided, reported, spoke or attended as a guest, with the title they
-- held then. Unnamed delegations have an organisation and no person.
CREATE TABLE conference_participants (
    id INTEGER PRIMARY KEY NOT NULL,
    conference_id INTEGER NOT NULL REFERENCES conferences (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('presiding', 'guest', 'reporter', 'speaker', 'attendee')),
    person_id INTEGER REFERENCES people (id),
    title TEXT,
    organisation TEXT,
    unit_id INTEGER REFERENCES units (id),
    remarks TEXT,
    sort_order INTEGER NOT NULL DEFAULT 0,
    CHECK (person_id IS NOT NULL OR organisation IS NOT NULL OR title IS NOT NULL)
);
CREATE INDEX conference_participants_conference ON conference_participants (conference_id, sort_order);
CREATE INDEX conference_participants_person ON conference_participants (person_id);
CREATE INDEX conference_participants_unit ON conference_participants (unit_id);
CREATE INDEX cluster_years_chair_person ON cluster_years (chair_person_id);
CREATE INDEX cluster_years_vice_chair_person ON cluster_years (vice_chair_person_id);

CREATE TABLE movements (
    id INTEGER PRIMARY KEY NOT NULL,
    name TEXT NOT NULL UNIQUE,
    launched_by TEXT,
    from_year INTEGER,
    to_year INTEGER,
    CHECK (from_year IS NULL OR to_year IS NULL OR to_year >= from_year)
);

CREATE TABLE cluster_year_movements (
    cluster_year_id INTEGER NOT NULL REFERENCES cluster_years (id) ON DELETE CASCADE,
    movement_id INTEGER NOT NULL REFERENCES movements (id),
    sort_order INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (cluster_year_id, movement_id)
);
CREATE INDEX cluster_year_movements_movement ON cluster_year_movements (movement_id);

-- The covenant for a year, often signed at the previous year's summary.
CREATE TABLE covenants (
    id INTEGER PRIMARY KEY NOT NULL,
    cluster_year_id INTEGER NOT NULL UNIQUE REFERENCES cluster_years (id) ON DELETE CASCADE,
    signed_on DATE,
    conference_id INTEGER REFERENCES conferences (id) ON DELETE SET NULL,
    place TEXT,
    content TEXT
);
CREATE INDEX covenants_conference ON covenants (conference_id);

-- Whether a year's chair, vice chair, selection and decision were last
-- written by the previous year's report (the chair elected at that
-- conference) rather than typed into this year's own form. While this
-- year is a draft, those fields are public exactly when this flag is set
-- and the previous year is published: the election is news of a
-- published report, while the rest of the draft stays private.
ALTER TABLE cluster_years ADD COLUMN chair_elected_at_previous BOOLEAN NOT NULL DEFAULT 0;

DROP TABLE covenants;
DROP TABLE cluster_year_movements;
DROP TABLE movements;
DROP TABLE conference_participants;
DROP TABLE conferences;
DROP TABLE cluster_years;

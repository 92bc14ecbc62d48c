DROP TABLE people;
DROP TABLE memberships;
DROP TABLE clusters;
DROP TABLE units;
DROP TABLE organising_bodies;

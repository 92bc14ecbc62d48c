DROP TABLE award_proposals;
DROP TABLE award_kinds;

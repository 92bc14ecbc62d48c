DROP TABLE audit_log;
DROP TABLE sessions;
DROP TABLE user_clusters;
DROP TABLE users;

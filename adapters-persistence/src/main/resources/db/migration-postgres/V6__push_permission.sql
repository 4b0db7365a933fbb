-- PostgreSQL twin of db/migration/V6__push_permission.sql: the rights an operator grants users.

CREATE TABLE user_permission (
    user_id   VARCHAR(64) COLLATE "C" NOT NULL,
    broadcast BOOLEAN     NOT NULL,
    updated   BIGINT      NOT NULL,
    PRIMARY KEY (user_id)
);

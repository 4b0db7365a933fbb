-- PostgreSQL twin of db/migration/V11__application_permission.sql: the rights an operator grants applications.

CREATE TABLE application_permission (
    application_id VARCHAR(64) COLLATE "C" NOT NULL,
    sync_quota     BOOLEAN     NOT NULL,
    updated        BIGINT      NOT NULL,
    PRIMARY KEY (application_id)
);

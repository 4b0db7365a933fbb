-- PostgreSQL twin of db/migration/V4__file_links.sql: uploaded files, their expiry scan, and who used them.

CREATE TABLE uploaded_file (
    file_id      VARCHAR(255)  COLLATE "C" NOT NULL,
    file_url     VARCHAR(2048) COLLATE "C" NOT NULL,
    last_used    BIGINT        NOT NULL,
    attempts     INT           NOT NULL,
    next_attempt BIGINT        NOT NULL,
    PRIMARY KEY (file_id)
);

CREATE INDEX ix_uploaded_file_expiry ON uploaded_file (last_used, next_attempt);

CREATE TABLE file_link (
    file_id   VARCHAR(255)  COLLATE "C" NOT NULL,
    sender    VARCHAR(80)   COLLATE "C" NOT NULL,
    file_name VARCHAR(255)  COLLATE "C" NOT NULL,
    file_url  VARCHAR(2048) COLLATE "C" NOT NULL,
    file_size BIGINT        NOT NULL,
    created   BIGINT        NOT NULL,
    last_used BIGINT        NOT NULL,
    PRIMARY KEY (file_id, sender)
);

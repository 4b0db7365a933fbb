-- File links (R20, legacy file_link, spec §16). Same rules as V1: only syntax that H2 (MODE=MySQL,
-- DATABASE_TO_LOWER=TRUE) and MariaDB 10.11 / MySQL 8 both accept; utf8mb4_bin; times in epoch milliseconds.

-- One row per uploaded file the server knows of: its newest use over all links, and the state of its deletion
-- from the file store (attempts failed since the last use, and when to try again; 0 = due as soon as unused).
-- A use resets both; a confirmed deletion removes the row.
CREATE TABLE uploaded_file (
    file_id      VARCHAR(255)  NOT NULL,
    file_url     VARCHAR(2048) NOT NULL,
    last_used    BIGINT        NOT NULL,
    attempts     INT           NOT NULL,
    next_attempt BIGINT        NOT NULL,
    PRIMARY KEY (file_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The expiry scan: WHERE last_used < ? AND next_attempt <= ? ORDER BY last_used LIMIT n reads a range of this
-- index and filters on its second column without touching the rows it skips.
CREATE INDEX ix_uploaded_file_expiry ON uploaded_file (last_used, next_attempt);

-- Who used which file when: one row per (file, sender), the sender a name like 123@user or 7@app. Unlike the
-- legacy table, a file shared by several senders lives as long as its newest link (legacy 20.3.8).
CREATE TABLE file_link (
    file_id   VARCHAR(255)  NOT NULL,
    sender    VARCHAR(80)   NOT NULL,
    file_name VARCHAR(255)  NOT NULL,
    file_url  VARCHAR(2048) NOT NULL,
    file_size BIGINT        NOT NULL,
    created   BIGINT        NOT NULL,
    last_used BIGINT        NOT NULL,
    PRIMARY KEY (file_id, sender)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Rights an operator grants applications through the admin API. Same rules as V1: only syntax that H2
-- (MODE=MySQL, DATABASE_TO_LOWER=TRUE) and MariaDB 10.11 / MySQL 8 both accept; utf8mb4_bin; times in epoch ms.

-- sync_quota: the application may replace its customer's quota rows with the legacy syncQuota route (any other
-- application is refused). A table of its own, like user_permission for users: the application row is rewritten
-- by provisioning, and a right the operator granted must not ride on that. No row: no right. A revoke keeps the
-- row with sync_quota = FALSE; updated is the time of the last grant or revoke.
CREATE TABLE application_permission (
    application_id VARCHAR(64) NOT NULL,
    sync_quota     BOOLEAN     NOT NULL,
    updated        BIGINT      NOT NULL,
    PRIMARY KEY (application_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

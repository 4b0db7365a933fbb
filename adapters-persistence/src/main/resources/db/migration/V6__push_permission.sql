-- Push permissions an operator grants users through the admin API (issue #5). Same rules as V1: only syntax that
-- H2 (MODE=MySQL, DATABASE_TO_LOWER=TRUE) and MariaDB 10.11 / MySQL 8 both accept; utf8mb4_bin; times in epoch
-- milliseconds.

-- broadcast: the user may push from a device to {orgId}@org and {tenantId}@tenant (the legacy server let every
-- user do so, legacy 7.2). A table of its own rather than a column of app_user: the syncing application rewrites
-- app_user rows (syncUser upserts whole profiles, in group-committed batches), and a right the operator granted
-- must neither ride on nor slow down that path; later permissions become more columns here. A user without a row
-- has no permission, so every existing user starts without it. A revoke keeps the row with broadcast = FALSE;
-- updated is the time of the last grant or revoke. One primary-key read per push to @org or @tenant.
CREATE TABLE user_permission (
    user_id   VARCHAR(64) NOT NULL,
    broadcast BOOLEAN     NOT NULL,
    updated   BIGINT      NOT NULL,
    PRIMARY KEY (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Shields (legacy shield_msg, which the legacy DDL never created) and the index that application pushes to
-- @tenant page through. Same rules as V1: only syntax that H2 (MODE=MySQL, DATABASE_TO_LOWER=TRUE) and
-- MariaDB 10.11 / MySQL 8 both accept; utf8mb4_bin.

-- A user blocks the messages of an application (type 1, the only type in use; legacy type 0 was meant for users).
-- The primary key makes setting a shield idempotent (the legacy table had no key and collected duplicates) and,
-- by its user_id prefix, serves the per-batch "which of these users shield this application" query.
CREATE TABLE shield (
    user_id VARCHAR(64)  NOT NULL,
    app_id  VARCHAR(64)  NOT NULL,
    type    INT          NOT NULL,
    memo    VARCHAR(255) NOT NULL,
    created BIGINT       NOT NULL,
    PRIMARY KEY (user_id, app_id, type)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A push to @tenant walks the tenant's users in id order, a page at a time (WHERE tenant_id = ? AND id > ?
-- ORDER BY id LIMIT n): with this index each page is one range read, not a sort of the whole tenant.
CREATE INDEX ix_app_user_tenant_id ON app_user (tenant_id, id);

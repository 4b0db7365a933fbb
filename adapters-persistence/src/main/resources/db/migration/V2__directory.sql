-- The org tree with a path that stays correct at any depth and width, starred contacts, application scope,
-- tenant status, and the index the user search orders by. Same rules as V1: only syntax that H2 (MODE=MySQL,
-- DATABASE_TO_LOWER=TRUE) and MariaDB 10.11 / MySQL 8 both accept; utf8mb4_bin.

-- Nothing ever wrote the V1 org table, so it is replaced rather than altered.
DROP TABLE org;

-- location is the org's materialised path: one 8-character base-36 segment per level, from the root down to
-- the org itself, each segment the node number of the org at that level (unique within the tenant, handed out
-- by org_tree). So an org's subtree is "location LIKE '<its location>%'", its depth is LENGTH(location) / 8,
-- and a move rewrites the location prefix of the whole subtree in one UPDATE. 64 levels (Org.MAX_DEPTH) of 8
-- characters fit in 512 ASCII characters; (tenant_id, location) stays within InnoDB's 3072-byte index limit.
-- parent_id is NULL for a root.
CREATE TABLE org (
    id         VARCHAR(64)  NOT NULL,
    tenant_id  VARCHAR(64)  NOT NULL,
    parent_id  VARCHAR(64),
    name       VARCHAR(128) NOT NULL,
    short_name VARCHAR(128) NOT NULL,
    location   VARCHAR(512) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    sort       INT          NOT NULL,
    created    BIGINT       NOT NULL,
    updated    BIGINT       NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_org_location UNIQUE (tenant_id, location)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per tenant with orgs. Every org save locks its tenant's row (SELECT ... FOR UPDATE) for the whole
-- transaction, so the checks and the move of a subtree never interleave with another save in that tenant
-- (two crossing moves cannot make a cycle); next_node is the tenant's next node number.
CREATE TABLE org_tree (
    tenant_id VARCHAR(64) NOT NULL,
    next_node BIGINT      NOT NULL,
    PRIMARY KEY (tenant_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A user's starred contacts (legacy user_user(from_user_id, to_user_id), which had no unique key).
CREATE TABLE user_contact (
    owner_id   VARCHAR(64) NOT NULL,
    contact_id VARCHAR(64) NOT NULL,
    created    BIGINT      NOT NULL,
    PRIMARY KEY (owner_id, contact_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

ALTER TABLE application ADD COLUMN scope VARCHAR(16) NOT NULL DEFAULT 'tenant';
ALTER TABLE tenant ADD COLUMN status INT NOT NULL DEFAULT 0;

-- The directory search lists a tenant's users by nickname (InnoDB appends the primary key, id, to every
-- secondary index, so this also serves the tie-break). It has tenant_id as its prefix, so the V1 index on
-- tenant_id alone goes.
CREATE INDEX ix_app_user_tenant_nickname ON app_user (tenant_id, nickname);
ALTER TABLE app_user DROP INDEX ix_app_user_tenant;

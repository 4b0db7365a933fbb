-- PostgreSQL twin of db/migration/V2__directory.sql (read it for the whys): the org tree with its materialised
-- path, org_tree, starred contacts, application scope, tenant status and the directory search index.

DROP TABLE org;

-- location: one 8-character base-36 segment per level; COLLATE "C" makes "location LIKE 'prefix%'" a range
-- read of uk_org_location, as ascii_bin does on MariaDB.
CREATE TABLE org (
    id         VARCHAR(64)  COLLATE "C" NOT NULL,
    tenant_id  VARCHAR(64)  COLLATE "C" NOT NULL,
    parent_id  VARCHAR(64)  COLLATE "C",
    name       VARCHAR(128) COLLATE "C" NOT NULL,
    short_name VARCHAR(128) COLLATE "C" NOT NULL,
    location   VARCHAR(512) COLLATE "C" NOT NULL,
    sort       INT          NOT NULL,
    created    BIGINT       NOT NULL,
    updated    BIGINT       NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_org_location UNIQUE (tenant_id, location)
);

CREATE TABLE org_tree (
    tenant_id VARCHAR(64) COLLATE "C" NOT NULL,
    next_node BIGINT      NOT NULL,
    PRIMARY KEY (tenant_id)
);

CREATE TABLE user_contact (
    owner_id   VARCHAR(64) COLLATE "C" NOT NULL,
    contact_id VARCHAR(64) COLLATE "C" NOT NULL,
    created    BIGINT      NOT NULL,
    PRIMARY KEY (owner_id, contact_id)
);

ALTER TABLE application ADD COLUMN scope VARCHAR(16) COLLATE "C" NOT NULL DEFAULT 'tenant';
ALTER TABLE tenant ADD COLUMN status INT NOT NULL DEFAULT 0;

-- The directory search orders a tenant's users by nickname, then id (PostgreSQL does not append the primary key
-- to a secondary index as InnoDB does; the sort on id among equal nicknames is cheap).
CREATE INDEX ix_app_user_tenant_nickname ON app_user (tenant_id, nickname);
DROP INDEX ix_app_user_tenant;

-- PostgreSQL 15 twin of db/migration/V1__init.sql: the same tables, columns, keys and indexes under the same
-- version numbers, so a schema reads alike on every store. Times are BIGINT epoch milliseconds. Every text column
-- that is compared or sorted is COLLATE "C": byte order and case-sensitive equality, as utf8mb4_bin gives on
-- MariaDB and as the domain has it ("Abc@user" and "abc@user" are two mailboxes), whatever the database's locale.

CREATE TABLE customer (
    id      VARCHAR(64)  COLLATE "C" NOT NULL,
    name    VARCHAR(128) COLLATE "C" NOT NULL,
    created BIGINT       NOT NULL,
    updated BIGINT       NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE tenant (
    id          VARCHAR(64)  COLLATE "C" NOT NULL,
    code        VARCHAR(64)  COLLATE "C" NOT NULL,
    name        VARCHAR(128) COLLATE "C" NOT NULL,
    customer_id VARCHAR(64)  COLLATE "C" NOT NULL,
    created     BIGINT       NOT NULL,
    updated     BIGINT       NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_tenant_customer ON tenant (customer_id);

CREATE TABLE application (
    id           VARCHAR(64)  COLLATE "C" NOT NULL,
    name         VARCHAR(128) COLLATE "C" NOT NULL,
    tenant_id    VARCHAR(64)  COLLATE "C" NOT NULL,
    token_digest CHAR(64)     COLLATE "C" NOT NULL,
    enabled      BOOLEAN      NOT NULL,
    created      BIGINT       NOT NULL,
    updated      BIGINT       NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_application_token UNIQUE (token_digest)
);
CREATE INDEX ix_application_tenant ON application (tenant_id);

CREATE TABLE app_user (
    id            VARCHAR(64)  COLLATE "C" NOT NULL,
    tenant_id     VARCHAR(64)  COLLATE "C" NOT NULL,
    name          VARCHAR(64)  COLLATE "C" NOT NULL,
    nickname      VARCHAR(128) COLLATE "C" NOT NULL,
    email         VARCHAR(128) COLLATE "C" NOT NULL,
    mobile        VARCHAR(32)  COLLATE "C" NOT NULL,
    avatar        VARCHAR(256) COLLATE "C" NOT NULL,
    status        VARCHAR(16)  COLLATE "C" NOT NULL,
    py_initial    VARCHAR(64)  COLLATE "C" NOT NULL,
    py_quanpin    VARCHAR(256) COLLATE "C" NOT NULL,
    area          VARCHAR(128) COLLATE "C" NOT NULL,
    password_hash VARCHAR(255) COLLATE "C" NOT NULL,
    created       BIGINT       NOT NULL,
    updated       BIGINT       NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_app_user_name UNIQUE (name)
);
CREATE INDEX ix_app_user_tenant ON app_user (tenant_id);
CREATE INDEX ix_app_user_email ON app_user (email);

CREATE TABLE org (
    id         VARCHAR(64)  COLLATE "C" NOT NULL,
    tenant_id  VARCHAR(64)  COLLATE "C" NOT NULL,
    parent_id  VARCHAR(64)  COLLATE "C" NOT NULL,
    name       VARCHAR(128) COLLATE "C" NOT NULL,
    short_name VARCHAR(128) COLLATE "C" NOT NULL,
    location   VARCHAR(255) COLLATE "C" NOT NULL,
    sort       INT          NOT NULL,
    created    BIGINT       NOT NULL,
    updated    BIGINT       NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_org_tenant ON org (tenant_id);
CREATE INDEX ix_org_parent ON org (parent_id);

CREATE TABLE org_user (
    org_id  VARCHAR(64) COLLATE "C" NOT NULL,
    user_id VARCHAR(64) COLLATE "C" NOT NULL,
    sort    INT         NOT NULL,
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX ix_org_user_user ON org_user (user_id);

CREATE TABLE client (
    user_id      VARCHAR(64)  COLLATE "C" NOT NULL,
    device_id    VARCHAR(128) COLLATE "C" NOT NULL,
    device_type  VARCHAR(32)  COLLATE "C" NOT NULL,
    latest_login BIGINT       NOT NULL,
    created      BIGINT       NOT NULL,
    PRIMARY KEY (user_id, device_id)
);

CREATE TABLE user_token (
    digest      CHAR(64)     COLLATE "C" NOT NULL,
    user_id     VARCHAR(64)  COLLATE "C" NOT NULL,
    device_type VARCHAR(32)  COLLATE "C" NOT NULL,
    device_id   VARCHAR(128) COLLATE "C" NOT NULL,
    expires_at  BIGINT       NOT NULL,
    created     BIGINT       NOT NULL,
    PRIMARY KEY (digest)
);
CREATE INDEX ix_user_token_user ON user_token (user_id);
CREATE INDEX ix_user_token_expires ON user_token (expires_at);

-- At most one row: the CHECK pins its id.
CREATE TABLE admin_key (
    id      INT      NOT NULL,
    digest  CHAR(64) COLLATE "C" NOT NULL,
    updated BIGINT   NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT ck_admin_key_single_row CHECK (id = 1)
);

-- A message is stored once; mailbox_entry rows point at it.
CREATE TABLE message (
    id         BIGINT      NOT NULL,
    from_name  VARCHAR(80) COLLATE "C" NOT NULL,
    to_name    VARCHAR(80) COLLATE "C" NOT NULL,
    body       TEXT        NOT NULL,
    created    BIGINT      NOT NULL,
    expires_at BIGINT      NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_message_expires ON message (expires_at);

-- The per-mailbox sequence; writers lock the row (SELECT ... FOR UPDATE) until their entries commit.
CREATE TABLE mailbox (
    owner    VARCHAR(80) COLLATE "C" NOT NULL,
    last_mid BIGINT      NOT NULL,
    PRIMARY KEY (owner)
);

CREATE TABLE mailbox_entry (
    owner      VARCHAR(80) COLLATE "C" NOT NULL,
    mid        BIGINT      NOT NULL,
    message_id BIGINT      NOT NULL,
    expires_at BIGINT      NOT NULL,
    PRIMARY KEY (owner, mid)
);
CREATE INDEX ix_mailbox_entry_expires ON mailbox_entry (expires_at);

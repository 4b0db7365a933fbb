-- One script for H2 (MODE=MySQL, DATABASE_TO_LOWER=TRUE) and MariaDB 10.11 / MySQL 8: only syntax both accept.
-- Times are BIGINT epoch milliseconds. utf8mb4_bin keeps ids, names and keys case-sensitive, as they are in
-- the domain and on H2 (the MariaDB default collation would make "Abc@user" and "abc@user" one mailbox).

CREATE TABLE customer (
    id      VARCHAR(64)  NOT NULL,
    name    VARCHAR(128) NOT NULL,
    created BIGINT       NOT NULL,
    updated BIGINT       NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE tenant (
    id          VARCHAR(64)  NOT NULL,
    code        VARCHAR(64)  NOT NULL,
    name        VARCHAR(128) NOT NULL,
    customer_id VARCHAR(64)  NOT NULL,
    created     BIGINT       NOT NULL,
    updated     BIGINT       NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_tenant_customer ON tenant (customer_id);

CREATE TABLE application (
    id           VARCHAR(64)  NOT NULL,
    name         VARCHAR(128) NOT NULL,
    tenant_id    VARCHAR(64)  NOT NULL,
    token_digest CHAR(64)     NOT NULL,
    enabled      BOOLEAN      NOT NULL,
    created      BIGINT       NOT NULL,
    updated      BIGINT       NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_application_token UNIQUE (token_digest)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_application_tenant ON application (tenant_id);

CREATE TABLE app_user (
    id            VARCHAR(64)  NOT NULL,
    tenant_id     VARCHAR(64)  NOT NULL,
    name          VARCHAR(64)  NOT NULL,
    nickname      VARCHAR(128) NOT NULL,
    email         VARCHAR(128) NOT NULL,
    mobile        VARCHAR(32)  NOT NULL,
    avatar        VARCHAR(256) NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    py_initial    VARCHAR(64)  NOT NULL,
    py_quanpin    VARCHAR(256) NOT NULL,
    area          VARCHAR(128) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    created       BIGINT       NOT NULL,
    updated       BIGINT       NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_app_user_name UNIQUE (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_app_user_tenant ON app_user (tenant_id);
CREATE INDEX ix_app_user_email ON app_user (email);

CREATE TABLE org (
    id         VARCHAR(64)  NOT NULL,
    tenant_id  VARCHAR(64)  NOT NULL,
    parent_id  VARCHAR(64)  NOT NULL,
    name       VARCHAR(128) NOT NULL,
    short_name VARCHAR(128) NOT NULL,
    location   VARCHAR(255) NOT NULL,
    sort       INT          NOT NULL,
    created    BIGINT       NOT NULL,
    updated    BIGINT       NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_org_tenant ON org (tenant_id);
CREATE INDEX ix_org_parent ON org (parent_id);

CREATE TABLE org_user (
    org_id  VARCHAR(64) NOT NULL,
    user_id VARCHAR(64) NOT NULL,
    sort    INT         NOT NULL,
    PRIMARY KEY (org_id, user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_org_user_user ON org_user (user_id);

CREATE TABLE client (
    user_id      VARCHAR(64)  NOT NULL,
    device_id    VARCHAR(128) NOT NULL,
    device_type  VARCHAR(32)  NOT NULL,
    latest_login BIGINT       NOT NULL,
    created      BIGINT       NOT NULL,
    PRIMARY KEY (user_id, device_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE user_token (
    digest      CHAR(64)     NOT NULL,
    user_id     VARCHAR(64)  NOT NULL,
    device_type VARCHAR(32)  NOT NULL,
    device_id   VARCHAR(128) NOT NULL,
    expires_at  BIGINT       NOT NULL,
    created     BIGINT       NOT NULL,
    PRIMARY KEY (digest)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_user_token_user ON user_token (user_id);
CREATE INDEX ix_user_token_expires ON user_token (expires_at);

-- At most one row: the CHECK pins its id.
CREATE TABLE admin_key (
    id      INT      NOT NULL,
    digest  CHAR(64) NOT NULL,
    updated BIGINT   NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT ck_admin_key_single_row CHECK (id = 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A message is stored once; mailbox_entry rows point at it.
CREATE TABLE message (
    id         BIGINT      NOT NULL,
    from_name  VARCHAR(80) NOT NULL,
    to_name    VARCHAR(80) NOT NULL,
    body       LONGTEXT    NOT NULL,
    created    BIGINT      NOT NULL,
    expires_at BIGINT      NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_message_expires ON message (expires_at);

-- The per-mailbox sequence; writers lock the row (SELECT ... FOR UPDATE) until their entries commit.
CREATE TABLE mailbox (
    owner    VARCHAR(80) NOT NULL,
    last_mid BIGINT      NOT NULL,
    PRIMARY KEY (owner)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE mailbox_entry (
    owner      VARCHAR(80) NOT NULL,
    mid        BIGINT      NOT NULL,
    message_id BIGINT      NOT NULL,
    expires_at BIGINT      NOT NULL,
    PRIMARY KEY (owner, mid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_mailbox_entry_expires ON mailbox_entry (expires_at);

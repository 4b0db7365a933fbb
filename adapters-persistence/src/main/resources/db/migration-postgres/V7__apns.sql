-- PostgreSQL twin of db/migration/V7__apns.sql: APNs device tokens and the operator's credentials.

CREATE TABLE apns_token (
    token      VARCHAR(200) COLLATE "C" NOT NULL,
    user_id    VARCHAR(64)  COLLATE "C" NOT NULL,
    device_id  VARCHAR(128) COLLATE "C" NOT NULL,
    registered BIGINT       NOT NULL,
    PRIMARY KEY (token),
    CONSTRAINT uq_apns_token_device UNIQUE (user_id, device_id)
);

CREATE TABLE apns_credential (
    scope_kind      VARCHAR(16)   COLLATE "C" NOT NULL,
    scope_id        VARCHAR(64)   COLLATE "C" NOT NULL,
    topic           VARCHAR(255)  COLLATE "C" NOT NULL,
    environment     VARCHAR(16)   COLLATE "C" NOT NULL,
    auth_kind       VARCHAR(16)   COLLATE "C" NOT NULL,
    key_id          VARCHAR(16)   COLLATE "C" NOT NULL,
    team_id         VARCHAR(16)   COLLATE "C" NOT NULL,
    secret          TEXT          NOT NULL,
    secret_password VARCHAR(1024) COLLATE "C" NOT NULL,
    updated         BIGINT        NOT NULL,
    PRIMARY KEY (scope_kind, scope_id)
);

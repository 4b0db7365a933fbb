-- APNs (R17, R18; docs/apns.md). Same rules as V1: only syntax that H2 (MODE=MySQL, DATABASE_TO_LOWER=TRUE) and
-- MariaDB 10.11 / MySQL 8 both accept; utf8mb4_bin; times in epoch milliseconds.

-- A device token bound to one iOS device of one user (the legacy apns_token table keyed by the token itself, its
-- device_id column being the token too). One row per token (primary key) and one token per device (unique
-- user_id, device_id): binding deletes both in one transaction first, which moves a token and replaces a device's.
-- registered is compared with Apple's "unregistered at" timestamp before a 410 removes the token.
CREATE TABLE apns_token (
    token      VARCHAR(200) NOT NULL,
    user_id    VARCHAR(64)  NOT NULL,
    device_id  VARCHAR(128) NOT NULL,
    registered BIGINT       NOT NULL,
    PRIMARY KEY (token),
    CONSTRAINT uq_apns_token_device UNIQUE (user_id, device_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The operator's credential per customer or tenant (scope_kind 'customer' | 'tenant'); replaces the legacy
-- resource rows that held file paths of PEM files on the web host. auth_kind 'token': secret is the .p8 key's
-- PEM text, key_id and team_id are set; 'certificate': secret is the .p12 file in base64, secret_password its
-- password. The secret columns are never returned by any route and never logged.
CREATE TABLE apns_credential (
    scope_kind      VARCHAR(16)  NOT NULL,
    scope_id        VARCHAR(64)  NOT NULL,
    topic           VARCHAR(255) NOT NULL,
    environment     VARCHAR(16)  NOT NULL,
    auth_kind       VARCHAR(16)  NOT NULL,
    key_id          VARCHAR(16)  NOT NULL,
    team_id         VARCHAR(16)  NOT NULL,
    secret          TEXT         NOT NULL,
    secret_password VARCHAR(1024) NOT NULL,
    updated         BIGINT       NOT NULL,
    PRIMARY KEY (scope_kind, scope_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

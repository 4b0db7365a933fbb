-- PostgreSQL twin of db/migration/V10__apns_status.sql: per-message delivery status, per copy and per device.

CREATE TABLE delivery_status (
    message_id    BIGINT       NOT NULL,
    mailbox       VARCHAR(80)  COLLATE "C" NOT NULL,
    from_name     VARCHAR(80)  COLLATE "C" NOT NULL,
    mid           BIGINT       NOT NULL,
    live_sessions INT          NOT NULL,
    expires_at    BIGINT       NOT NULL,
    PRIMARY KEY (message_id, mailbox)
);

CREATE INDEX ix_delivery_status_expires ON delivery_status (expires_at);

CREATE TABLE delivery_status_device (
    message_id BIGINT       NOT NULL,
    mailbox    VARCHAR(80)  COLLATE "C" NOT NULL,
    device_id  VARCHAR(128) COLLATE "C" NOT NULL,
    state      VARCHAR(16)  COLLATE "C" NOT NULL,
    detail     VARCHAR(255) COLLATE "C" NOT NULL,
    expires_at BIGINT       NOT NULL,
    PRIMARY KEY (message_id, mailbox, device_id)
);

CREATE INDEX ix_delivery_status_device_expires ON delivery_status_device (expires_at);

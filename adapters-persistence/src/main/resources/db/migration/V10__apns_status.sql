-- Per-message delivery status (docs/apns.md §6). Same rules as V1: only syntax that H2 (MODE=MySQL,
-- DATABASE_TO_LOWER=TRUE) and MariaDB 10.11 / MySQL 8 both accept; utf8mb4_bin; times in epoch milliseconds.
-- Written behind the notifier in batches of upserts; each row is kept until expires_at (its message's expiry,
-- a little after it), then the retention pass removes it through the expires_at index, as it does mailbox entries.

-- One row per stored copy: the message, its recipient's mailbox, who sent it, the copy's mid, and how many live
-- sessions it was handed to on the node that stored it.
CREATE TABLE delivery_status (
    message_id    BIGINT       NOT NULL,
    mailbox       VARCHAR(80)  NOT NULL,
    from_name     VARCHAR(80)  NOT NULL,
    mid           BIGINT       NOT NULL,
    live_sessions INT          NOT NULL,
    expires_at    BIGINT       NOT NULL,
    PRIMARY KEY (message_id, mailbox)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_delivery_status_expires ON delivery_status (expires_at);

-- One row per notified device of a copy: state 'pending' | 'accepted' | 'rejected' | 'failed', and detail
-- (Apple's status and reason of a rejection, the cause of a failure, else empty).
CREATE TABLE delivery_status_device (
    message_id BIGINT       NOT NULL,
    mailbox    VARCHAR(80)  NOT NULL,
    device_id  VARCHAR(128) NOT NULL,
    state      VARCHAR(16)  NOT NULL,
    detail     VARCHAR(255) NOT NULL,
    expires_at BIGINT       NOT NULL,
    PRIMARY KEY (message_id, mailbox, device_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_delivery_status_device_expires ON delivery_status_device (expires_at);

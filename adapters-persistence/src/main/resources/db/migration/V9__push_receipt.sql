-- Idempotent push: a push that names the sender's own id for it (a device's clientMsgId, an application's
-- statusId) is recorded here in the same transaction as its mailbox entries, so a retry of it (the node died
-- before it answered, the connection dropped) finds the first answer and stores nothing new. Same rules as V1.
-- key_digest: SHA-256 (hex) of the key the server builds from the sender and that id, compared exactly.
-- message_id: the message the answer names; entries: its entries as lines "mid:owner" (a large push appends the
-- entries of each later batch). Rows are kept 10 minutes (expires_at, epoch ms) and then removed by retention.
CREATE TABLE push_receipt (
    key_digest CHAR(64) NOT NULL,
    message_id BIGINT   NOT NULL,
    entries    LONGTEXT NOT NULL,
    expires_at BIGINT   NOT NULL,
    PRIMARY KEY (key_digest)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_push_receipt_expires ON push_receipt (expires_at);

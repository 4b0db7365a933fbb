-- PostgreSQL twin of db/migration/V9__push_receipt.sql: the receipts of idempotent pushes, kept 10 minutes.

CREATE TABLE push_receipt (
    key_digest CHAR(64) COLLATE "C" NOT NULL,
    message_id BIGINT   NOT NULL,
    entries    TEXT     NOT NULL,
    expires_at BIGINT   NOT NULL,
    PRIMARY KEY (key_digest)
);
CREATE INDEX ix_push_receipt_expires ON push_receipt (expires_at);

-- PostgreSQL twin of db/migration/V8__quotas.sql: quota rows, customers' time zones, and usage per day.

CREATE TABLE quota (
    customer_id VARCHAR(64)  COLLATE "C" NOT NULL,
    tenant_id   VARCHAR(64)  COLLATE "C" NOT NULL,
    item        VARCHAR(16)  COLLATE "C" NOT NULL,
    quota_key   VARCHAR(128) COLLATE "C" NOT NULL,
    period      VARCHAR(8)   COLLATE "C" NOT NULL,
    quota_value BIGINT       NOT NULL,
    updated     BIGINT       NOT NULL,
    PRIMARY KEY (customer_id, tenant_id, item, quota_key)
);

CREATE TABLE quota_zone (
    customer_id VARCHAR(64) COLLATE "C" NOT NULL,
    zone        VARCHAR(64) COLLATE "C" NOT NULL,
    updated     BIGINT      NOT NULL,
    PRIMARY KEY (customer_id)
);

CREATE TABLE usage_count (
    customer_id VARCHAR(64)  COLLATE "C" NOT NULL,
    tenant_id   VARCHAR(64)  COLLATE "C" NOT NULL,
    counter     VARCHAR(16)  COLLATE "C" NOT NULL,
    usage_key   VARCHAR(128) COLLATE "C" NOT NULL,
    usage_day   INT          NOT NULL,
    cnt         BIGINT       NOT NULL,
    PRIMARY KEY (customer_id, tenant_id, counter, usage_key, usage_day)
);

CREATE INDEX usage_count_day ON usage_count (usage_day);

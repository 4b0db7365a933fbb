-- Quotas and usage counting. Same rules as V1: only syntax that H2 (MODE=MySQL, DATABASE_TO_LOWER=TRUE) and
-- MariaDB 10.11 / MySQL 8 both accept; utf8mb4_bin; times in epoch milliseconds.

-- The quota rows the operator sets (admin API, or syncQuota for an application granted it). tenant_id '*' is the
-- customer-wide row (all the customer's tenants summed); a tenant's own row takes precedence over it. item:
-- api_cnt (quota_key a route), push_cnt (quota_key @user, @qun, @app, @org or @tenant), expire (quota_key a route
-- or '*'; quota_value the deadline in epoch ms). period: total, month or day. quota_value -1: unlimited; no row:
-- unlimited too (the legacy server refused callers without a row). Every node reads the whole table every 2 s.
CREATE TABLE quota (
    customer_id VARCHAR(64)  NOT NULL,
    tenant_id   VARCHAR(64)  NOT NULL,
    item        VARCHAR(16)  NOT NULL,
    quota_key   VARCHAR(128) NOT NULL,
    period      VARCHAR(8)   NOT NULL,
    quota_value BIGINT       NOT NULL,
    updated     BIGINT       NOT NULL,
    PRIMARY KEY (customer_id, tenant_id, item, quota_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The time zone a customer's calendar periods (day, month) are in; UTC without a row.
CREATE TABLE quota_zone (
    customer_id VARCHAR(64) NOT NULL,
    zone        VARCHAR(64) NOT NULL,
    updated     BIGINT      NOT NULL,
    PRIMARY KEY (customer_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Usage, one row per (customer, tenant, counter, key, local day in the customer's zone as yyyymmdd): counter
-- api_cnt (key the route), push_cnt (key the push type), recipients (key the push type: stored recipients). Each
-- node adds what it counted about once a second, in one transaction (count = count + n); reports and quota
-- windows are sums over ranges of days.
CREATE TABLE usage_count (
    customer_id VARCHAR(64)  NOT NULL,
    tenant_id   VARCHAR(64)  NOT NULL,
    counter     VARCHAR(16)  NOT NULL,
    usage_key   VARCHAR(128) NOT NULL,
    usage_day   INT          NOT NULL,
    cnt         BIGINT       NOT NULL,
    PRIMARY KEY (customer_id, tenant_id, counter, usage_key, usage_day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX usage_count_day ON usage_count (usage_day);

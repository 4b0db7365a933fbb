-- Groups (qun, R7, docs/groups.md). Same rules as V1: only syntax that H2 (MODE=MySQL, DATABASE_TO_LOWER=TRUE)
-- and MariaDB 10.11 / MySQL 8 both accept; utf8mb4_bin; times in epoch milliseconds.

-- One row per group. Changes are optimistic: UPDATE ... SET version = version + 1 WHERE id = ? AND version = ?
-- applies only if nobody changed the group since it was read. A dissolved group (its last member left) keeps its
-- row with dissolved = TRUE and no members, so its id stays taken and its version keeps counting.
CREATE TABLE qun (
    id                VARCHAR(64)  NOT NULL,
    tenant_id         VARCHAR(64)  NOT NULL,
    topic             VARCHAR(64)  NOT NULL,
    max_members       INT          NOT NULL,
    owner_only_invite BOOLEAN      NOT NULL,
    dissolved         BOOLEAN      NOT NULL,
    version           BIGINT       NOT NULL,
    created           BIGINT       NOT NULL,
    updated           BIGINT       NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_qun_tenant ON qun (tenant_id);

-- The members. role is Role.code (0 owner, 1 admin, 2 member); join_seq orders members by when they joined.
-- The user_id index serves "the groups of a user".
CREATE TABLE qun_user (
    qun_id   VARCHAR(64)  NOT NULL,
    user_id  VARCHAR(64)  NOT NULL,
    nickname VARCHAR(128) NOT NULL,
    role     INT          NOT NULL,
    join_seq BIGINT       NOT NULL,
    created  BIGINT       NOT NULL,
    PRIMARY KEY (qun_id, user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_qun_user_user ON qun_user (user_id);

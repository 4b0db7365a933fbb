-- PostgreSQL twin of db/migration/V5__qun.sql: groups (optimistic version) and their members.

CREATE TABLE qun (
    id                VARCHAR(64)  COLLATE "C" NOT NULL,
    tenant_id         VARCHAR(64)  COLLATE "C" NOT NULL,
    topic             VARCHAR(64)  COLLATE "C" NOT NULL,
    max_members       INT          NOT NULL,
    owner_only_invite BOOLEAN      NOT NULL,
    dissolved         BOOLEAN      NOT NULL,
    version           BIGINT       NOT NULL,
    created           BIGINT       NOT NULL,
    updated           BIGINT       NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_qun_tenant ON qun (tenant_id);

CREATE TABLE qun_user (
    qun_id   VARCHAR(64)  COLLATE "C" NOT NULL,
    user_id  VARCHAR(64)  COLLATE "C" NOT NULL,
    nickname VARCHAR(128) COLLATE "C" NOT NULL,
    role     INT          NOT NULL,
    join_seq BIGINT       NOT NULL,
    created  BIGINT       NOT NULL,
    PRIMARY KEY (qun_id, user_id)
);
CREATE INDEX ix_qun_user_user ON qun_user (user_id);

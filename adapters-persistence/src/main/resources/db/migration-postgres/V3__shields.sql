-- PostgreSQL twin of db/migration/V3__shields.sql: shields, and the index pushes to @tenant page through.

CREATE TABLE shield (
    user_id VARCHAR(64)  COLLATE "C" NOT NULL,
    app_id  VARCHAR(64)  COLLATE "C" NOT NULL,
    type    INT          NOT NULL,
    memo    VARCHAR(255) COLLATE "C" NOT NULL,
    created BIGINT       NOT NULL,
    PRIMARY KEY (user_id, app_id, type)
);

CREATE INDEX ix_app_user_tenant_id ON app_user (tenant_id, id);

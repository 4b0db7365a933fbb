package org.appmsg.bootstrap.e2e;

/** Crash safety on PostgreSQL: the server process is killed, the database keeps running. */
class PostgresCrashAuditIT extends CrashAuditContract {

    private String url;

    @Override
    String databaseUrl() {
        if (url == null) {
            url = Postgres.freshDatabase();
        }
        return url;
    }

    @Override
    void dropDatabase() {
        if (url != null) {
            Postgres.drop(url);
        }
    }
}

package org.appmsg.bootstrap.e2e;

/** Crash safety on MariaDB: the server process is killed, the database keeps running. */
class MariaDbCrashAuditIT extends CrashAuditContract {

    private String url;

    @Override
    String databaseUrl() {
        if (url == null) {
            url = MariaDb.freshDatabase();
        }
        return url;
    }

    @Override
    void dropDatabase() {
        if (url != null) {
            MariaDb.drop(url);
        }
    }
}

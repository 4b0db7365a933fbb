package org.appmsg.bootstrap.e2e;

/** Application push and shields on the real MariaDB server. */
class MariaDbAppPushIT extends AppPushContract {

    @Override
    String databaseUrl() {
        return freshMariaDb();
    }
}

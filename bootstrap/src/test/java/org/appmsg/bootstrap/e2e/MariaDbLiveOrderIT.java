package org.appmsg.bootstrap.e2e;

/** Live frame order on the real MariaDB server, where concurrent commits overtake each other more often. */
class MariaDbLiveOrderIT extends LiveOrderContract {

    @Override
    String databaseUrl() {
        return freshMariaDb();
    }
}

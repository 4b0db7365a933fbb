package org.appmsg.bootstrap.e2e;

/** Live frame order on the real PostgreSQL server, where concurrent commits overtake each other more often. */
class PostgresLiveOrderIT extends LiveOrderContract {

    @Override
    String databaseUrl() {
        return freshPostgres();
    }
}

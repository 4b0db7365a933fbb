package org.appmsg.bootstrap.e2e;

/** Application push and shields on the real PostgreSQL server. */
class PostgresAppPushIT extends AppPushContract {

    @Override
    String databaseUrl() {
        return freshPostgres();
    }
}

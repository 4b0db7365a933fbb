package org.appmsg.bootstrap.e2e;

/** The same slice on the real PostgreSQL server. */
class PostgresEndToEndIT extends EndToEndContract {

    @Override
    String databaseUrl() {
        return freshPostgres();
    }
}

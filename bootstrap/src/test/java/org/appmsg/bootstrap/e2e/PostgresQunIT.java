package org.appmsg.bootstrap.e2e;

/** Groups end to end on the real PostgreSQL server: notices stored with each change, roles, group chat. */
class PostgresQunIT extends QunContract {

    @Override
    String databaseUrl() {
        return freshPostgres();
    }
}

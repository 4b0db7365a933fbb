package org.appmsg.bootstrap.e2e;

/** The directory on the real PostgreSQL server. */
class PostgresDirectoryIT extends DirectoryContract {

    @Override
    String databaseUrl() {
        return freshPostgres();
    }
}

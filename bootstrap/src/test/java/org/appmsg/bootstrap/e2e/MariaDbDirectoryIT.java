package org.appmsg.bootstrap.e2e;

/** The directory on the real MariaDB server. */
class MariaDbDirectoryIT extends DirectoryContract {

    @Override
    String databaseUrl() {
        return freshMariaDb();
    }
}

package org.appmsg.bootstrap.e2e;

/** The same slice on the real MariaDB server. */
class MariaDbEndToEndIT extends EndToEndContract {

    @Override
    String databaseUrl() {
        return freshMariaDb();
    }
}

package org.appmsg.bootstrap.e2e;

/** Groups end to end on the real MariaDB server: notices stored with each change, roles, group chat. */
class MariaDbQunIT extends QunContract {

    @Override
    String databaseUrl() {
        return freshMariaDb();
    }
}

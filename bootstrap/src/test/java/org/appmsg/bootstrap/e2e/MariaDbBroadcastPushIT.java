package org.appmsg.bootstrap.e2e;

/** A device's push to @org / @tenant and the broadcast permission on the real MariaDB server. */
class MariaDbBroadcastPushIT extends BroadcastPushContract {

    @Override
    String databaseUrl() {
        return freshMariaDb();
    }
}

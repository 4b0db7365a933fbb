package org.appmsg.bootstrap.e2e;

/** A device's push to @org / @tenant and the broadcast permission on the real PostgreSQL server. */
class PostgresBroadcastPushIT extends BroadcastPushContract {

    @Override
    String databaseUrl() {
        return freshPostgres();
    }
}

package org.appmsg.bootstrap.e2e;

/** A device's push to @org / @tenant and the broadcast permission on the embedded default (H2 file database). */
class EmbeddedBroadcastPushIT extends BroadcastPushContract {

    @Override
    String databaseUrl() {
        return "";
    }
}

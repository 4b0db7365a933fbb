package org.appmsg.bootstrap.e2e;

/** Live frame order on the embedded default (H2). */
class EmbeddedLiveOrderIT extends LiveOrderContract {

    @Override
    String databaseUrl() {
        return "";
    }
}

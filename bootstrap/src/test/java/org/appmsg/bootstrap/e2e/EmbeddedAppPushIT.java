package org.appmsg.bootstrap.e2e;

/** Application push and shields on the embedded default (H2 file database). */
class EmbeddedAppPushIT extends AppPushContract {

    @Override
    String databaseUrl() {
        return "";
    }
}

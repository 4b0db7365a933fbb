package org.appmsg.bootstrap.e2e;

/** Groups end to end on the embedded default (H2 file database). */
class EmbeddedQunIT extends QunContract {

    @Override
    String databaseUrl() {
        return "";
    }
}

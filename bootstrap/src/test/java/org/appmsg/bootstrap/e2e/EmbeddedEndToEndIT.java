package org.appmsg.bootstrap.e2e;

/** The slice on the embedded default: H2 file database under the data dir, in-memory presence. */
class EmbeddedEndToEndIT extends EndToEndContract {

    @Override
    String databaseUrl() {
        return "";
    }
}

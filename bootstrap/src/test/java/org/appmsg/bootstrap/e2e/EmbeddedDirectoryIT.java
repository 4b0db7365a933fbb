package org.appmsg.bootstrap.e2e;

/** The directory on the embedded default (H2 file database). */
class EmbeddedDirectoryIT extends DirectoryContract {

    @Override
    String databaseUrl() {
        return "";
    }
}

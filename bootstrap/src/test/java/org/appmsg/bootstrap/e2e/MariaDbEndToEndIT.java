package org.appmsg.bootstrap.e2e;

/** The same slice on the real MariaDB server. */
class MariaDbEndToEndIT extends EndToEndContract {

    private String url;

    @Override
    String databaseUrl() {
        if (url == null) {
            url = MariaDb.freshDatabase();
        }
        return url;
    }

    @Override
    void afterStop() {
        if (url != null) {
            MariaDb.drop(url);
        }
    }
}

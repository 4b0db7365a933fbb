package org.appmsg.bootstrap.e2e;

/** The directory on the real MariaDB server. */
class MariaDbDirectoryIT extends DirectoryContract {

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

package org.appmsg.adapter.persistence;

import org.jooq.SQLDialect;

/** The databases {@link SqlPersistence} runs on, told apart by the JDBC URL prefix. */
enum Backend {
    H2("jdbc:h2:", SQLDialect.H2, "org.h2.Driver"),
    MARIADB("jdbc:mariadb:", SQLDialect.MARIADB, "org.mariadb.jdbc.Driver"),
    MYSQL("jdbc:mysql:", SQLDialect.MYSQL, "com.mysql.cj.jdbc.Driver");

    final String prefix;
    final SQLDialect dialect;
    final String driver;

    Backend(String prefix, SQLDialect dialect, String driver) {
        this.prefix = prefix;
        this.dialect = dialect;
        this.driver = driver;
    }

    static Backend of(String jdbcUrl) {
        for (Backend b : values()) {
            if (jdbcUrl.startsWith(b.prefix)) {
                return b;
            }
        }
        throw new IllegalArgumentException(
                "unsupported JDBC URL (expected jdbc:h2:, jdbc:mariadb: or jdbc:mysql:): " + jdbcUrl);
    }
}

package org.appmsg.adapter.persistence;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server the tests run against ({@code APPMSG_TEST_POSTGRES_URL}, default the local one with the
 * {@code appmsg} role). When it cannot be reached the calling test is skipped with the reason, except under
 * {@code CI=true}, where it fails.
 */
final class PostgresServer {

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    static final String URL_VARIABLE = "APPMSG_TEST_POSTGRES_URL";
    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=appmsg&password=appmsg";

    /** A database of its own for one test class; {@link #drop} removes it, closing what still uses it. */
    record Database(String name, String url) {
        void drop() {
            PostgresServer.execute(serverUrl(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private PostgresServer() {}

    /** Creates {@code appmsg_t_<random>}, or skips (fails under CI) when the server cannot be reached. */
    static Database freshDatabase() {
        String url = serverUrl();
        try (Connection ignored = connect(url)) {
            // reachable
        } catch (SQLException e) {
            String reason = "PostgreSQL is not reachable at " + SqlPersistence.redacted(url) + " (" + e.getMessage()
                    + "); set " + URL_VARIABLE;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(reason + ". CI=true: the PostgreSQL tests must run.");
            }
            log.warn("SKIPPING PostgreSQL tests: {}", reason);
            Assumptions.abort(reason);
        }
        String name = "appmsg_t_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 50), 36);
        // the server's default locale: the schema makes every compared column COLLATE "C" itself
        execute(url, "CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
        return new Database(name, MariaDbServer.withDatabase(url, name));
    }

    static String serverUrl() {
        String url = System.getenv(URL_VARIABLE);
        return url == null || url.isBlank() ? DEFAULT_URL : url;
    }

    private static void execute(String url, String sql) {
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + SqlPersistence.redacted(url), e);
        }
    }

    private static Connection connect(String url) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("connectTimeout", "3");
        return DriverManager.getConnection(url, properties);
    }
}

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
 * The MariaDB server the tests run against ({@code APPMSG_TEST_MARIADB_URL}, default the local one). When it
 * cannot be reached the calling test is skipped with the reason, except under {@code CI=true}, where it fails.
 */
final class MariaDbServer {

    private static final Logger log = LoggerFactory.getLogger(MariaDbServer.class);
    static final String URL_VARIABLE = "APPMSG_TEST_MARIADB_URL";
    static final String DEFAULT_URL = "jdbc:mariadb://127.0.0.1:3306/test?user=root";

    /** A database of its own for one test class; {@link #drop} removes it. */
    record Database(String name, String url) {
        void drop() {
            MariaDbServer.execute(serverUrl(), "DROP DATABASE IF EXISTS " + name);
        }
    }

    private MariaDbServer() {}

    /** Creates {@code appmsg_t_<random>}, or skips (fails under CI) when the server cannot be reached. */
    static Database freshDatabase() {
        String url = serverUrl();
        try (Connection ignored = connect(url)) {
            // reachable
        } catch (SQLException e) {
            String reason = "MariaDB is not reachable at " + url + " (" + e.getMessage() + "); set " + URL_VARIABLE;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(reason + ". CI=true: the MariaDB tests must run.");
            }
            log.warn("SKIPPING MariaDB tests: {}", reason);
            Assumptions.abort(reason);
        }
        String name = "appmsg_t_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 50), 36);
        execute(url, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
        return new Database(name, withDatabase(url, name));
    }

    static String serverUrl() {
        String url = System.getenv(URL_VARIABLE);
        return url == null || url.isBlank() ? DEFAULT_URL : url;
    }

    /** The same server and parameters, another database: {@code jdbc:mariadb://host:port/<name>?params}. */
    static String withDatabase(String url, String name) {
        int hostStart = url.indexOf("//") + 2;
        int query = url.indexOf('?', hostStart);
        String head = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        int slash = head.indexOf('/', hostStart);
        String server = slash < 0 ? head : head.substring(0, slash);
        return server + "/" + name + params;
    }

    private static void execute(String url, String sql) {
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + url, e);
        }
    }

    private static Connection connect(String url) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("connectTimeout", "3000");
        return DriverManager.getConnection(url, properties);
    }
}

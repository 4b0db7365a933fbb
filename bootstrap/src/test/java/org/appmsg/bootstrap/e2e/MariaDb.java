package org.appmsg.bootstrap.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * The real MariaDB server for end-to-end runs: a fresh database per test class. Missing server: the
 * tests are skipped with the reason, except under {@code CI=true}, where that is a failure.
 */
final class MariaDb {

    static final String SERVER = System.getenv().getOrDefault("APPMSG_TEST_MARIADB_URL",
            "jdbc:mariadb://127.0.0.1:3306/test?user=root");

    private MariaDb() {}

    /** Creates an empty database and returns its JDBC URL. */
    static String freshDatabase() {
        String name = "appmsg_e2e_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        try (Connection c = DriverManager.getConnection(SERVER)) {
            c.createStatement().execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
        } catch (SQLException e) {
            String reason = "MariaDB at " + SERVER + " is unreachable (" + e.getMessage() + ")";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(reason + "; under CI=true the MariaDB tests must run");
            }
            Assumptions.abort(reason + ": skipping the MariaDB end-to-end tests");
        }
        return SERVER.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
    }

    static void drop(String url) {
        String name = url.replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
        try (Connection c = DriverManager.getConnection(SERVER)) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + name);
        } catch (SQLException e) {
            // the database is throwaway; a failed drop only leaves a little clutter on a dev machine
        }
    }
}

package org.appmsg.bootstrap.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * The real PostgreSQL server for end-to-end runs ({@code APPMSG_TEST_POSTGRES_URL}): a fresh database per test
 * class. Missing server: the tests are skipped with the reason, except under {@code CI=true}, where that is a
 * failure.
 */
final class Postgres {

    static final String SERVER = System.getenv().getOrDefault("APPMSG_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres?user=appmsg&password=appmsg");

    private Postgres() {}

    /** Creates an empty database and returns its JDBC URL. */
    static String freshDatabase() {
        String name = "appmsg_e2e_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        try (Connection c = DriverManager.getConnection(SERVER)) {
            c.createStatement().execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
        } catch (SQLException e) {
            String reason = "PostgreSQL at " + redacted(SERVER) + " is unreachable (" + e.getMessage() + ")";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(reason + "; under CI=true the PostgreSQL tests must run");
            }
            Assumptions.abort(reason + ": skipping the PostgreSQL end-to-end tests");
        }
        return SERVER.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
    }

    /** Drops the database, closing the connections a killed or stopped server may have left. */
    static void drop(String url) {
        String name = url.replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
        try (Connection c = DriverManager.getConnection(SERVER)) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            // the database is throwaway; a failed drop only leaves a little clutter on a dev machine
        }
    }

    private static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}

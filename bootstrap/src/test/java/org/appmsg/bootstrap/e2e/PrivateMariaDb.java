package org.appmsg.bootstrap.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A MariaDB server of the test's own, so that a test may kill it: a fresh data directory
 * ({@code mariadb-install-db}) and {@code mariadbd} on a free loopback port, never the shared server. It can be
 * SIGKILLed and started again on the same data and port. Without the MariaDB server binaries the test is skipped
 * with the reason, except under {@code CI=true}, where that is a failure.
 */
final class PrivateMariaDb implements AutoCloseable {

    private static final List<String> SMALL = List.of("--innodb-log-file-size=8M", "--innodb-buffer-pool-size=32M");

    private final Path dir;
    private final Path server;
    private final int port;
    private Process process;

    private PrivateMariaDb(Path dir, Path server, int port) {
        this.dir = dir;
        this.server = server;
        this.port = port;
    }

    /** Installs a data directory and starts the server on it; skips (fails under CI) without the binaries. */
    static PrivateMariaDb start() throws IOException, InterruptedException {
        Optional<Path> install = find("mariadb-install-db", "mysql_install_db");
        Optional<Path> server = find("mariadbd", "mysqld");
        if (install.isEmpty() || server.isEmpty()) {
            String reason = "the MariaDB server binaries (mariadb-install-db, mariadbd) are not installed";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(reason + "; under CI=true the database outage test must run");
            }
            Assumptions.abort(reason + ": skipping the database outage test");
        }
        Path dir = Files.createTempDirectory("appmsg-mariadb");
        List<String> command = new ArrayList<>(List.of(install.get().toString(), "--no-defaults",
                "--datadir=" + dir.resolve("data"), "--auth-root-authentication-method=normal", "--skip-test-db"));
        command.addAll(userOption());
        command.addAll(SMALL);
        run(command, dir.resolve("install.log"));
        PrivateMariaDb db = new PrivateMariaDb(dir, server.get(), freePort());
        db.startServer();
        try (Connection c = DriverManager.getConnection(db.url(""))) {
            c.createStatement().execute("CREATE DATABASE appmsg CHARACTER SET utf8mb4");
        } catch (SQLException e) {
            db.close();
            throw new AssertionError("cannot create the test database", e);
        }
        return db;
    }

    /** The JDBC URL of {@code database} ({@code ""}: none) on this server, as root. */
    String url(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database + "?user=root";
    }

    /** SIGKILL: the server dies at once, without closing its connections politely. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("mariadbd survived SIGKILL for 10 s");
        }
    }

    /** Starts the server again on the same data and port (InnoDB recovers what was committed). */
    void startServer() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(server.toString(), "--no-defaults",
                "--datadir=" + dir.resolve("data"), "--port=" + port, "--bind-address=127.0.0.1",
                "--socket=" + dir.resolve("sock"), "--pid-file=" + dir.resolve("pid"), "--skip-name-resolve",
                "--log-error=" + dir.resolve("error.log")));
        command.addAll(userOption());
        command.addAll(SMALL);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Connection ignored = DriverManager.getConnection(url("") + "&connectTimeout=1000")) {
                return;
            } catch (SQLException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new AssertionError("mariadbd did not start:\n" + Files.readString(dir.resolve("error.log")), e);
                }
                Thread.sleep(100);
            }
        }
    }

    @Override
    public void close() throws InterruptedException, IOException {
        if (process != null && process.isAlive()) {
            kill();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** mariadbd refuses to run as root unless told to. */
    private static List<String> userOption() {
        return "root".equals(System.getProperty("user.name")) ? List.of("--user=root") : List.of();
    }

    private static Optional<Path> find(String... names) {
        List<Path> dirs = new ArrayList<>();
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty()) {
                dirs.add(Path.of(d));
            }
        }
        dirs.addAll(List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"), Path.of("/usr/libexec"),
                Path.of("/usr/local/bin"), Path.of("/usr/local/sbin")));
        for (String name : names) {
            for (Path d : dirs) {
                Path candidate = d.resolve(name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError(command.get(0) + " failed:\n" + Files.readString(log));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

package org.appmsg.bootstrap.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A Redis server of the test's own, so that a test may kill it and start it again: the installed
 * {@code redis-server} on a free loopback port, without persistence (a restart comes back empty, as a Redis that
 * lost its memory does), never the shared server. Without the binary the test is skipped with the reason, except
 * under {@code CI=true}, where that is a failure.
 */
final class PrivateRedis implements AutoCloseable {

    private final Path server;
    private final Path dir;
    private final int port;
    private Process process;

    private PrivateRedis(Path server, Path dir, int port) {
        this.server = server;
        this.dir = dir;
        this.port = port;
    }

    /** Starts a server; skips (fails under CI) without {@code redis-server}. */
    static PrivateRedis start() throws IOException, InterruptedException {
        Optional<Path> binary = find("redis-server");
        if (binary.isEmpty()) {
            String reason = "redis-server is not installed";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(reason + "; under CI=true the Redis outage test must run");
            }
            Assumptions.abort(reason + ": skipping the Redis outage test");
        }
        PrivateRedis redis = new PrivateRedis(binary.get(), Files.createTempDirectory("appmsg-redis"), freePort());
        redis.startServer();
        return redis;
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** SIGKILL: every link to it is cut at once, and what it held is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("redis-server survived SIGKILL for 10 s");
        }
    }

    /** Starts the server on the same port and waits until it answers PING (at most 20 s). */
    void startServer() throws IOException, InterruptedException {
        process = new ProcessBuilder(List.of(server.toString(), "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!answersPing()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("redis-server did not start on port " + port + ": "
                        + Files.readString(dir.resolve("redis.log")));
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws InterruptedException, IOException {
        if (process != null && process.isAlive()) {
            kill();
        }
        Files.deleteIfExists(dir.resolve("redis.log"));
        Files.deleteIfExists(dir);
    }

    private boolean answersPing() {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            s.setSoTimeout(500);
            s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            return new String(in.readNBytes(5), StandardCharsets.US_ASCII).equals("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<Path> find(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
                return Optional.of(Path.of(d, name));
            }
        }
        for (String d : List.of("/usr/bin", "/usr/local/bin", "/usr/sbin")) {
            if (Files.isExecutable(Path.of(d, name))) {
                return Optional.of(Path.of(d, name));
            }
        }
        return Optional.empty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }
}

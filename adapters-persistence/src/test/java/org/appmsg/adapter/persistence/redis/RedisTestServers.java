package org.appmsg.adapter.persistence.redis;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis servers for tests: the shared one ({@code APPMSG_TEST_REDIS_URL}, default {@code redis://127.0.0.1:6379}),
 * or private {@code redis-server} processes this JVM starts on free loopback ports, in temporary directories,
 * without persistence: a single instance, or a Redis Cluster of N masters and no replicas. A private server can be
 * stopped and started again on its port (a Redis restart: it comes back empty); a cluster member keeps its
 * cluster identity across that. Every private process is killed by {@link Instance#close}, or at the latest by a
 * JVM shutdown hook.
 *
 * <p>When Redis (or the {@code redis-server} binary) is missing the calling test is skipped with the reason, except
 * under {@code CI=true}, where it fails. Never flush the shared server: give each test a key prefix of its own.
 */
public final class RedisTestServers {

    private static final Logger log = LoggerFactory.getLogger(RedisTestServers.class);
    public static final String URL_VARIABLE = "APPMSG_TEST_REDIS_URL";
    private static final String DEFAULT_URL = "redis://127.0.0.1:6379";
    private static final Set<Instance> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Instance::kill), "redis-test-servers"));
    }

    private RedisTestServers() {}

    /** The shared server's URL, once it answers PING. */
    public static URI shared() {
        String url = System.getenv(URL_VARIABLE);
        URI uri = URI.create(url == null || url.isBlank() ? DEFAULT_URL : url);
        int port = uri.getPort() < 0 ? 6379 : uri.getPort();
        if (!ping(uri.getHost(), port)) {
            skip("Redis is not reachable at " + uri + "; set " + URL_VARIABLE);
        }
        return uri;
    }

    /** A fresh key prefix, so that tests on the shared server never see each other's keys or channels. */
    public static String freshPrefix() {
        return "t" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 50), 36);
    }

    /** A private single Redis, running. */
    public static Instance single() {
        Instance instance = new Instance(freePort(), tempDir(), false);
        instance.start();
        return instance;
    }

    /** A private Redis Cluster of {@code masters} masters (at least 3), every slot served, state ok. */
    public static Cluster cluster(int masters) {
        List<Instance> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < masters; i++) {
                Instance node = new Instance(freePort(), tempDir(), true);
                nodes.add(node);
                node.start();
            }
            List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
            nodes.forEach(n -> create.add("127.0.0.1:" + n.port()));
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            run(create);
            Cluster cluster = new Cluster(nodes);
            cluster.awaitOk();
            return cluster;
        } catch (RuntimeException | Error e) {
            nodes.forEach(Instance::close);
            throw e;
        }
    }

    /** One redis-server process of ours, on a fixed port and directory. */
    public static final class Instance implements AutoCloseable {
        private final int port;
        private final Path dir;
        private final boolean clustered;
        private Process process;

        private Instance(int port, Path dir, boolean clustered) {
            this.port = port;
            this.dir = dir;
            this.clustered = clustered;
        }

        public int port() {
            return port;
        }

        public URI uri() {
            return URI.create("redis://127.0.0.1:" + port);
        }

        /** Starts the server (again) on its port and waits until it answers. */
        public synchronized void start() {
            if (process != null && process.isAlive()) {
                return;
            }
            List<String> command = new ArrayList<>(List.of(binary("redis-server"), "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                    "--daemonize", "no", "--logfile", dir.resolve("redis.log").toString()));
            if (clustered) {
                command.addAll(List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                        "--cluster-node-timeout", "2000"));
            }
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("stdout.log").toFile()).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            RUNNING.add(this);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!ping("127.0.0.1", port)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("redis-server did not start on port " + port + "; see " + dir);
                }
                sleep(20);
            }
        }

        /** Stops the server as SIGTERM does (without persistence it comes back empty). */
        public synchronized void stop() {
            if (process != null) {
                process.destroy();
                await(process);
                process = null;
            }
        }

        /** Stops and starts again on the same port. */
        public void restart() {
            stop();
            start();
        }

        /** Kills the server with SIGKILL: every link to it is cut at once, and (no persistence) what it held is gone. */
        public synchronized void kill() {
            if (process != null) {
                process.destroyForcibly();
                await(process);
                process = null;
            }
        }

        @Override
        public void close() {
            kill();
            RUNNING.remove(this);
            deleteTree(dir);
        }
    }

    /** A Redis Cluster of private instances, every one a master. */
    public static final class Cluster implements AutoCloseable {
        private final List<Instance> masters;

        private Cluster(List<Instance> masters) {
            this.masters = List.copyOf(masters);
        }

        public List<Instance> masters() {
            return masters;
        }

        /** A URL of one member: the client finds the others. */
        public URI uri() {
            return masters.get(0).uri();
        }

        /** Waits until every member says {@code cluster_state:ok}. */
        public void awaitOk() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            for (Instance m : masters) {
                while (!run(List.of("redis-cli", "-p", Integer.toString(m.port()), "cluster", "info"))
                        .contains("cluster_state:ok")) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the test Redis Cluster did not reach cluster_state:ok");
                    }
                    sleep(50);
                }
            }
        }

        @Override
        public void close() {
            masters.forEach(Instance::close);
        }
    }

    private static String binary(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        skip(name + " is not installed (apt-get install redis-server)");
        throw new IllegalStateException("unreachable");
    }

    private static String run(List<String> command) {
        List<String> resolved = new ArrayList<>(command);
        resolved.set(0, binary(command.get(0)));
        try {
            Process p = new ProcessBuilder(resolved).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean ping(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(5);
            return "+PONG".equals(new String(reply, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
    }

    /** A port free on loopback whose cluster bus port (+10000) is free too. */
    private static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            if (free(port) && free(port + 10_000)) {
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port pair found");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("appmsg-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("could not delete {}", dir);
        }
    }

    private static void await(Process process) {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void skip(String reason) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(reason + ". CI=true: the Redis tests must run.");
        }
        log.warn("SKIPPING Redis tests: {}", reason);
        Assumptions.abort(reason);
    }
}

package org.appmsg.bootstrap.e2e;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged jar ({@code target/appmsg.jar}, built before the integration tests run) started as a separate
 * JVM, as an operator runs it: only the given {@code APPMSG_*} settings (none inherited), its output kept line by
 * line (the first few thousand). {@link #kill} is SIGKILL (a crash: nothing is flushed or closed), {@link #stop} is SIGTERM (the drain).
 */
final class ServerProcess {

    /** The jar under test; {@code -Dappmsg.test.jar=…} runs the same tests against another build. */
    static final Path JAR = Path.of(System.getProperty("appmsg.test.jar", "target/appmsg.jar"));
    private static final Pattern LISTENING = Pattern.compile("listening: (.+?) \\w+://[^:]+:(\\d+)/");
    private static final long READY_SECONDS = 60;
    private static final Path LOGS = Path.of("target", "server-logs");
    /** Lines kept from the start of the output (the listeners, ready, the first warnings); the rest is read and dropped. */
    private static final int KEPT_LINES = 5_000;

    private final Process process;
    private final List<String> lines;
    private final Thread reader;

    private ServerProcess(Process process, List<String> lines, Thread reader) {
        this.process = process;
        this.lines = lines;
        this.reader = reader;
    }

    /**
     * Starts the jar with {@code settings} as its environment's only {@code APPMSG_*} keys; returns once ready. Its
     * whole output also goes to {@code target/server-logs/{name}.log} (appended), for a look after a failure.
     */
    static ServerProcess start(Map<String, String> settings) throws InterruptedException {
        return start("server", settings);
    }

    static ServerProcess start(String name, Map<String, String> settings) throws InterruptedException {
        // C1 only and the serial collector: these tests measure no speed, and the machine's two cores are shared
        return start(name, List.of(JAVA, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
                JAR.toString()), settings);
    }

    /** The java running the tests. */
    static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    /** Runs {@code command} (e.g. a start script) with {@code settings} as its only {@code APPMSG_*} keys. */
    static ServerProcess start(String name, List<String> command, Map<String, String> settings)
            throws InterruptedException {
        ServerProcess server = launch(name, command, settings);
        server.awaitReady();
        return server;
    }

    /** Starts the jar as {@link #start(String, Map)} does, and returns at once, before it is ready. */
    static ServerProcess launch(String name, Map<String, String> settings) {
        return launch(name, List.of(JAVA, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
                JAR.toString()), settings);
    }

    private static ServerProcess launch(String name, List<String> command, Map<String, String> settings) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("APPMSG_"));
        pb.environment().putAll(settings);
        Process p;
        try {
            Files.createDirectories(LOGS);
            p = pb.start();
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot start " + command, e);
        }
        List<String> lines = new CopyOnWriteArrayList<>();
        Path log = LOGS.resolve(name + ".log");
        Thread reader = Thread.ofVirtual().start(() -> {
            try (var in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                    var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND)) {
                out.write("=== " + Instant.now() + " " + String.join(" ", command));
                out.newLine();
                String line;
                while ((line = in.readLine()) != null) {
                    out.write(line);
                    out.newLine();
                    if (lines.size() < KEPT_LINES) {
                        lines.add(line);
                    }
                }
            } catch (java.io.IOException e) {
                // the process ended
            }
        });
        return new ServerProcess(p, lines, reader);
    }

    /** Returns once the server logged that it is ready; fails (and ends it) when it dies or takes too long. */
    void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_SECONDS);
        while (lines.stream().noneMatch(l -> l.contains("ready in"))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                reader.join(2000);
                throw new AssertionError("the server did not become ready:\n" + output());
            }
            Thread.sleep(50);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The settings every test run needs: loopback listeners on free ports. */
    static Map<String, String> loopbackOnFreePorts() {
        return Map.of("APPMSG_HTTP_HOST", "127.0.0.1", "APPMSG_HTTP_PORT", "0",
                "APPMSG_WS_HOST", "127.0.0.1", "APPMSG_WS_PORT", "0",
                "APPMSG_TCP_HOST", "127.0.0.1", "APPMSG_TCP_PORT", "0",
                "APPMSG_ADMIN_PORT", "0");
    }

    int port(String listener) {
        for (String l : lines) {
            Matcher m = LISTENING.matcher(l.replace("\\/", "/")); // JSON log lines escape '/' as "\/"
            if (m.find() && m.group(1).equals(listener)) {
                return Integer.parseInt(m.group(2));
            }
        }
        throw new AssertionError("no listener " + listener + " in\n" + output());
    }

    int httpPort() {
        return port("HTTP API");
    }

    int adminPort() {
        return port("admin, health and metrics");
    }

    Client client() {
        return new Client(httpPort(), adminPort());
    }

    List<String> lines() {
        return lines;
    }

    /** Everything the process printed so far, for failure messages. */
    String output() {
        return String.join("\n", lines);
    }

    /** SIGKILL, as a crash or {@code kill -9}: returns once the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL on Linux
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the server survived SIGKILL for 10 s");
        }
        reader.join(2000);
    }

    /** SIGTERM (the drain); returns the exit status. */
    int stop() throws InterruptedException {
        process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its output
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the server did not exit within 30 s of SIGTERM:\n" + output());
        }
        reader.join(5000); // the last lines may still be in the pipe
        return process.exitValue();
    }

    /** Ends the process whatever its state (for clean-up after a failed test); idempotent. */
    void destroy() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}

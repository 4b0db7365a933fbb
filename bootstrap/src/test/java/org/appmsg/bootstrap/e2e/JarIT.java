package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar as an operator runs it: no configuration besides free ports and a data dir, one log
 * line per listener, an admin key generated once on first start, SIGTERM drains and exits 0.
 */
class JarIT {

    private static final Path JAR = Path.of("target", "appmsg.jar");
    private static final Pattern LISTENING = Pattern.compile("listening: (.+?) \\w+://[^:]+:(\\d+)/");
    private static final Pattern KEY = Pattern.compile("generated the admin key .*: (\\S+)\"");

    @Test
    void starts_with_defaults_generates_the_admin_key_once_and_drains_on_sigterm() throws Exception {
        Path data = Files.createTempDirectory("appmsg-jar");
        Run first = Run.start(data);
        assertThat(first.lines).filteredOn(l -> l.contains("listening:")).hasSize(4);
        assertThat(first.adminKey()).isNotEmpty();
        Client client = new Client(first.port("HTTP API"), first.port("admin, health and metrics"));
        assertThat(client.adminGet("/health").statusCode()).isEqualTo(200);
        assertThat(client.adminPost("/admin/customers", first.adminKey(), Client.obj().put("name", "ACME")).statusCode())
                .isEqualTo(200);

        assertThat(first.stop()).as("exit status after SIGTERM").isZero();
        assertThat(first.lines).anyMatch(l -> l.contains("stopped"));

        Run second = Run.start(data);
        assertThat(second.lines).noneMatch(l -> l.contains("generated the admin key"));
        Client again = new Client(second.port("HTTP API"), second.port("admin, health and metrics"));
        assertThat(again.adminPost("/admin/customers", first.adminKey(), Client.obj().put("name", "ACME 2")).statusCode())
                .as("the first key still works").isEqualTo(200);
        assertThat(second.stop()).isZero();
    }

    private record Run(Process process, List<String> lines, Thread reader) {

        static Run start(Path data) throws Exception {
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder pb = new ProcessBuilder(java, "-jar", JAR.toString()).redirectErrorStream(true);
            pb.environment().keySet().removeIf(k -> k.startsWith("APPMSG_"));
            pb.environment().put("APPMSG_HTTP_PORT", "0");
            pb.environment().put("APPMSG_WS_PORT", "0");
            pb.environment().put("APPMSG_TCP_PORT", "0");
            pb.environment().put("APPMSG_ADMIN_PORT", "0");
            pb.environment().put("APPMSG_DATA_DIR", data.toString());
            Process p = pb.start();
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread reader = Thread.ofVirtual().start(() -> {
                try (var in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (java.io.IOException e) {
                    // the process ended
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lines.stream().noneMatch(l -> l.contains("ready in"))) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    reader.join(2000);
                    throw new AssertionError("the server did not become ready:\n" + String.join("\n", lines));
                }
                Thread.sleep(50);
            }
            return new Run(p, lines, reader);
        }

        int port(String listener) {
            for (String l : lines) {
                Matcher m = LISTENING.matcher(l);
                if (m.find() && m.group(1).equals(listener)) {
                    return Integer.parseInt(m.group(2));
                }
            }
            throw new AssertionError("no listener " + listener + " in\n" + String.join("\n", lines));
        }

        String adminKey() {
            for (String l : lines) {
                Matcher m = KEY.matcher(l);
                if (m.find()) {
                    return m.group(1);
                }
            }
            return "";
        }

        int stop() throws InterruptedException {
            process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its output
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited within 30 s").isTrue();
            reader.join(5000); // the last lines may still be in the pipe
            return process.exitValue();
        }
    }
}

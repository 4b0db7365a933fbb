package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What an operator downloads: the jar's licence files and the distribution archive, unpacked and run through its
 * start script with its own configuration file, as docs/operations.md describes.
 */
class DistributionIT {

    private static final Path REPO = Path.of("..");
    private static final Pattern DEPENDENCY = Pattern.compile("^\\s*([\\w.-]+):([\\w.-]+):jar:([\\w.-]+):(compile|runtime)");

    @Test
    void the_jar_carries_appmsgs_licence_and_lists_every_bundled_component() throws Exception {
        try (JarFile jar = new JarFile(ServerProcess.JAR.toFile())) {
            String licence = new String(jar.getInputStream(jar.getEntry("LICENSE")).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(licence).as("the top-level LICENSE is appmsg's, not a dependency's")
                    .isEqualTo(Files.readString(REPO.resolve("LICENSE")));
            assertThat(jar.getEntry("META-INF/LICENSE")).isNotNull();
            assertThat(jar.getEntry("NOTICE")).isNotNull();
            assertThat(jar.getEntry("META-INF/third-party/mysql-connector-j/LICENSE"))
                    .as("each component's own licence file is kept apart").isNotNull();
            assertThat(jar.getEntry("META-INF/third-party/licenses/LGPL-2.1.txt")).isNotNull();

            String list = new String(jar.getInputStream(jar.getEntry("META-INF/third-party/dependencies.txt"))
                    .readAllBytes(), StandardCharsets.UTF_8);
            String thirdParty = Files.readString(REPO.resolve("THIRD-PARTY.md"));
            List<String> unlisted = new ArrayList<>();
            int components = 0;
            for (String line : list.split("\n")) {
                Matcher m = DEPENDENCY.matcher(line);
                if (m.find()) {
                    components++;
                    String row = "| `" + m.group(1) + ":" + m.group(2) + "` | " + m.group(3) + " |";
                    if (!thirdParty.contains(row)) {
                        unlisted.add(m.group(1) + ":" + m.group(2) + " " + m.group(3));
                    }
                }
            }
            assertThat(components).as("components bundled").isGreaterThan(30);
            assertThat(unlisted).as("bundled but not in THIRD-PARTY.md with this version (add a row)").isEmpty();
        }
    }

    @Test
    void the_archive_unpacks_checks_its_configuration_runs_with_json_logs_and_stops() throws Exception {
        Path archive;
        try (var files = Files.list(Path.of("target"))) {
            archive = files.filter(f -> f.getFileName().toString().matches("appmsg-.+\\.tar\\.gz")).findFirst()
                    .orElseThrow(() -> new AssertionError("no target/appmsg-<version>.tar.gz: ./mvnw package builds it"));
        }
        Path dir = Files.createTempDirectory("appmsg-dist");
        assertThat(run(dir, "tar", "xzf", archive.toAbsolutePath().toString()).exit).isZero();
        Path home;
        try (var files = Files.list(dir)) {
            home = files.findFirst().orElseThrow();
        }
        for (String f : List.of("bin/appmsg", "lib/appmsg.jar", "conf/appmsg.properties", "systemd/appmsg.service",
                "LICENSE", "NOTICE", "THIRD-PARTY.md", "licenses/MIT.txt", "licenses/mysql-connector-j/LICENSE")) {
            assertThat(home.resolve(f)).as(f).exists();
        }
        assertThat(Files.isExecutable(home.resolve("bin/appmsg"))).isTrue();
        String script = home.resolve("bin/appmsg").toString();

        assertThat(run(home, script, "--version").out).contains("appmsg ");
        Result shipped = run(home, script, "checkconfig");
        assertThat(shipped.exit).as(shipped.out).isZero();
        assertThat(shipped.out).contains("configuration OK");

        Path conf = home.resolve("conf/appmsg.properties");
        Files.writeString(conf, "APPMSG_HTTP_PORT=70000\n", java.nio.file.StandardOpenOption.APPEND);
        Result wrong = run(home, script, "checkconfig");
        assertThat(wrong.exit).isEqualTo(2);
        assertThat(wrong.out).contains("APPMSG_HTTP_PORT must be between 0 and 65535 (got 70000)");

        // the operator's edits: loopback, free ports, a data dir, JSON logs and a password that must not show
        String original = Files.readString(conf).replace("APPMSG_HTTP_PORT=70000\n", "");
        Files.writeString(conf, original + String.join("\n", "APPMSG_HTTP_HOST=127.0.0.1", "APPMSG_HTTP_PORT=0",
                "APPMSG_WS_HOST=127.0.0.1", "APPMSG_WS_PORT=0", "APPMSG_TCP_HOST=127.0.0.1", "APPMSG_TCP_PORT=0",
                "APPMSG_ADMIN_PORT=0", "APPMSG_DATA_DIR=" + home.resolve("data"), "APPMSG_LOG_FORMAT=json",
                "APPMSG_DB_PASSWORD=hunter2-secret") + "\n");
        Result checked = run(home, script, "checkconfig");
        assertThat(checked.exit).isZero();
        assertThat(checked.out).contains("APPMSG_LOG_FORMAT=json", "APPMSG_DB_PASSWORD=***").doesNotContain("hunter2");

        ServerProcess server = ServerProcess.start("DistributionIT", List.of(script),
                Map.of("JAVA_HOME", javaHome(), "JAVA_OPTS", "-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"));
        try {
            assertThat(server.client().adminGet("/health").statusCode()).isEqualTo(200);
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.httpPort() + "/app/client/device/login"))
                    .header("X-Request-Id", "req-42.a").POST(HttpRequest.BodyPublishers.ofString("{")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.headers().firstValue("X-Request-Id")).as("the request id is echoed").hasValue("req-42.a");
            HttpResponse<String> generated = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.httpPort() + "/app/client/device/login"))
                    .header("X-Request-Id", "bad\"id").POST(HttpRequest.BodyPublishers.ofString("{")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(generated.headers().firstValue("X-Request-Id").orElseThrow())
                    .as("an unsafe id is replaced, not logged").matches("[0-9a-f]{16}");
        } finally {
            assertThat(server.stop()).as("exit status after SIGTERM").isZero();
        }
        List<String> lines = server.lines();
        assertThat(lines).anyMatch(l -> l.contains("ready in"));
        for (String line : lines) {
            if (line.startsWith("WARNING: ")) {
                continue; // the JVM's own warnings on stderr (a library's Unsafe use on Java 24+), not log events
            }
            JsonNode event = Client.JSON.readTree(line); // throws on any line that is not one JSON object
            assertThat(event.has("level") && event.has("formattedMessage")).as(line).isTrue();
        }
        assertThat(String.join("\n", lines)).doesNotContain("hunter2");
    }

    private static String javaHome() {
        return Path.of(ServerProcess.JAVA).getParent().getParent().toString();
    }

    private record Result(int exit, String out) {}

    private static Result run(Path dir, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("APPMSG_"));
        pb.environment().put("JAVA_HOME", javaHome());
        pb.environment().put("JAVA_OPTS", "-Xmx128m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }
}

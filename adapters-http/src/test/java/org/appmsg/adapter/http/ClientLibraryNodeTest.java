package org.appmsg.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs the browser client library's unit tests ({@code src/test/js/*.test.mjs}) with Node's built-in
 * test runner, so that {@code ./mvnw verify} covers them. Without Node the test is skipped with the
 * reason, except under {@code CI=true}, where that is a failure.
 */
class ClientLibraryNodeTest {

    @Test
    void the_library_unit_tests_pass_under_node() throws Exception {
        Path tests = Path.of("src/test/js").toAbsolutePath();
        assertThat(tests.resolve("appmsg.test.mjs")).exists();
        String node = findNode();
        if (node == null) {
            String reason = "node is not installed";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(reason + "; under CI=true the client library tests must run");
            }
            Assumptions.abort(reason + ": skipping the client library unit tests");
        }
        Path log = Files.createTempFile("appmsg-node-test", ".log");
        Process p = new ProcessBuilder(node, "--test", "--test-reporter=spec", tests.resolve("appmsg.test.mjs").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = p.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        System.out.println(output);
        assertThat(finished).as("node --test finished within 120 s").isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("fail 0").doesNotContain("pass 0\n");
    }

    private static String findNode() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir, "node");
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }
}

package org.appmsg.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void help_names_the_commands_and_the_exit_statuses() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("checkconfig", "config-template", "--config=FILE", "--version", "2   a wrong");
    }

    @Test
    void version_names_the_product() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("appmsg ");
    }

    @Test
    void an_unknown_argument_exits_2_with_the_usage() {
        assertThat(run("--bogus")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--bogus'", "Usage: appmsg");
    }

    @Test
    void checkconfig_exits_2_naming_the_wrong_setting(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("appmsg.properties");
        Files.writeString(file, "APPMSG_WS_PORT=-1\n");
        assertThat(run("checkconfig", "--config", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("configuration invalid: APPMSG_WS_PORT");

        Files.writeString(file, "APPMSG_NO_SUCH_THING=1\n");
        assertThat(run("checkconfig", "--config", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("unknown setting APPMSG_NO_SUCH_THING");
    }

    @Test
    void checkconfig_prints_what_differs_from_the_defaults_with_secrets_masked(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("appmsg.properties");
        Files.writeString(file, "APPMSG_WS_PORT=7000\nAPPMSG_DB_PASSWORD=s3cret\n"
                + "APPMSG_DB_URL=jdbc:mariadb://db:3306/appmsg?user=app&password=s3cret\n");
        assertThat(run("checkconfig", "--config", file.toString())).isZero();
        assertThat(out.toString()).contains("configuration OK", "APPMSG_WS_PORT=7000", "APPMSG_DB_PASSWORD=***",
                "password=***").doesNotContain("s3cret");
    }

    @Test
    void the_archives_configuration_file_is_the_template_and_loads_as_the_defaults() throws Exception {
        Path shipped = Path.of("..", "dist", "conf", "appmsg.properties");
        assertThat(Files.readString(shipped))
                .as("dist/conf/appmsg.properties is generated: java -jar bootstrap/target/appmsg.jar config-template"
                        + " > dist/conf/appmsg.properties")
                .isEqualTo(Config.template());
        assertThat(Config.effective(Map.of(), Optional.of(shipped))).isEmpty();
        assertThat(run("config-template")).isZero();
        assertThat(out.toString()).isEqualTo(Config.template()).contains("#APPMSG_LOG_FORMAT=text");
    }

    @Test
    void a_log_format_other_than_text_or_json_is_refused() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                () -> Config.load(Map.of("APPMSG_LOG_FORMAT", "xml"), Optional.empty())))
                .hasMessageContaining("APPMSG_LOG_FORMAT must be text or json (got \"xml\")");
    }
}

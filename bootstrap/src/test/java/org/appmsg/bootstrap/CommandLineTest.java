package org.appmsg.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.appmsg.adapter.persistence.SqlPersistence;
import org.appmsg.domain.quota.UsageCount;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.tenant.Customer;
import org.appmsg.domain.tenant.Tenant;
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

    /**
     * An embedded H2 database under {@code dir} holding usage of customer c1 (tenants t1, t2) and c2 (t3) on
     * 2026-12-01 and -02, and a configuration file naming it; the file's path.
     */
    private static Path usageDatabase(Path dir) throws Exception {
        Path file = dir.resolve("appmsg.properties");
        Files.writeString(file, "APPMSG_DATA_DIR=" + dir + "\n");
        Config config = Config.load(Map.of(), Optional.of(file));
        LocalDate dec1 = LocalDate.of(2026, 12, 1);
        LocalDate dec2 = LocalDate.of(2026, 12, 2);
        try (SqlPersistence db = SqlPersistence.start(AppmsgServer.storage(config, 2))) {
            db.directory().saveCustomer(new Customer(new CustomerId("c1"), "ACME"));
            db.directory().saveCustomer(new Customer(new CustomerId("c2"), "Globex"));
            db.directory().saveTenant(new Tenant(new TenantId("t1"), "t1", "T1", new CustomerId("c1")));
            db.directory().saveTenant(new Tenant(new TenantId("t2"), "t2", "T2", new CustomerId("c1")));
            db.directory().saveTenant(new Tenant(new TenantId("t3"), "t3", "T3", new CustomerId("c2")));
            db.usage().add(List.of(
                    usage("c1", "t1", "push_cnt", "@user", dec1, 6),
                    usage("c1", "t2", "push_cnt", "@user", dec1, 1_204),
                    usage("c1", "t2", "push_cnt", "@qun", dec2, 2),
                    usage("c1", "t1", "push_cnt", "@user", dec2.plusDays(1), 50), // after the range
                    usage("c2", "t3", "push_cnt", "@user", dec2, 4),
                    usage("c1", "t1", "api_cnt", "/app/client/device/push", dec1, 6)));
        }
        return file;
    }

    private static UsageCount usage(String customer, String tenant, String counter, String key, LocalDate day,
            long n) {
        return new UsageCount(new CustomerId(customer), new TenantId(tenant), counter, key, day, n);
    }

    @Test
    void report_prints_an_aligned_table_read_from_the_configured_database(@TempDir Path dir) throws Exception {
        Path config = usageDatabase(dir);
        assertThat(run("report", "push-by-tenant", "--from", "2026-12-01", "--to", "2026-12-02", "--customer", "c1",
                "--config", config.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("""
                push-by-tenant of customer c1, 2026-12-01 to 2026-12-02
                tenantId  count
                t2         1206
                t1            6
                total      1212
                """);
    }

    @Test
    void report_prints_csv_or_json_on_request(@TempDir Path dir) throws Exception {
        Path config = usageDatabase(dir);
        assertThat(run("report", "push-by-type", "--from", "2026-12-01", "--to", "2026-12-02", "--format", "csv",
                "--config", config.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("pushType,count\n@user,1214\n@qun,2\n");
        out.getBuffer().setLength(0);
        assertThat(run("report", "push-by-customer", "--from", "2026-12-01", "--to", "2026-12-02", "--format", "json",
                "--config", config.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("{\"kind\":\"push-by-customer\",\"from\":\"2026-12-01\","
                + "\"to\":\"2026-12-02\",\"column\":\"customerId\",\"lines\":[{\"customerId\":\"c1\",\"count\":1212},"
                + "{\"customerId\":\"c2\",\"count\":4}],\"total\":1216}\n");
    }

    @Test
    void report_exits_2_naming_the_wrong_argument(@TempDir Path dir) throws Exception {
        Path config = usageDatabase(dir);
        String c = config.toString();
        record Bad(List<String> args, String says) {}
        for (Bad bad : List.of(
                new Bad(List.of("report", "pushes", "--from", "2026-12-01", "--to", "2026-12-02", "--config", c),
                        "KIND must be one of api-by-route"),
                new Bad(List.of("report", "push-by-type", "--from", "2026-13-01", "--to", "2026-12-02", "--config", c),
                        "--from must be a date yyyy-mm-dd (got \"2026-13-01\")"),
                new Bad(List.of("report", "push-by-type", "--from", "2026-12-01", "--config", c),
                        "Missing required option: '--to=yyyy-mm-dd'"),
                new Bad(List.of("report", "push-by-type", "--from", "2026-12-02", "--to", "2026-12-01", "--config", c),
                        "--to: to must not be before from"),
                new Bad(List.of("report", "push-by-type", "--from", "2026-12-01", "--to", "2026-12-02", "--format",
                        "xml", "--config", c), "--format must be table, csv or json (got \"xml\")"),
                new Bad(List.of("report", "push-by-tenant", "--from", "2026-12-01", "--to", "2026-12-02", "--config",
                        c), "--customer: customerId is required for push-by-tenant"),
                new Bad(List.of("report", "push-by-tenant", "--from", "2026-12-01", "--to", "2026-12-02", "--customer",
                        "nobody", "--config", c), "--customer: customerId nobody does not exist"),
                new Bad(List.of("report", "push-by-tenant", "--from", "2026-12-01", "--to", "2026-12-02", "--customer",
                        "no_good", "--config", c), "--customer: customer id must be"))) {
            err.getBuffer().setLength(0);
            assertThat(run(bad.args().toArray(String[]::new))).as(bad.args().toString()).isEqualTo(2);
            assertThat(err.toString()).as(bad.args().toString()).contains(bad.says(), "Usage: appmsg report");
        }
        assertThat(out.toString()).isEmpty();
    }
}

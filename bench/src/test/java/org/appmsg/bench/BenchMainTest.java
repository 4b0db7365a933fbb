package org.appmsg.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The jar's command line: the closed-loop tools get their arguments untouched, bad open-loop options exit 2. */
class BenchMainTest {

    @Test
    void every_tool_is_a_command() {
        assertThat(BenchMain.commandLine().getSubcommands().keySet()).containsExactlyInAnyOrder("openloop", "report", "cluster",
                "bench-push", "bench-app-push", "bench-group", "bench-directory", "bench-connections");
    }

    @Test
    void a_closed_loop_tool_gets_every_argument_after_its_name_in_order() {
        String[][] got = new String[1][];
        picocli.CommandLine cli = new picocli.CommandLine(new BenchMain.PassThrough(args -> got[0] = args))
                .setStopAtUnmatched(true);
        int status = cli.execute("--senders", "256", "--receivers", "200", "positional", "--label", "db=h2 run=1");
        assertThat(status).isZero();
        assertThat(got[0]).containsExactly("--senders", "256", "--receivers", "200", "positional", "--label",
                "db=h2 run=1");
    }

    @Test
    void a_bad_open_loop_option_is_a_usage_error() {
        picocli.CommandLine cli = BenchMain.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("openloop", "--admin-key", "k", "--rates", "2000,1000")).isEqualTo(2);
        assertThat(err.toString()).contains("rates must ascend");
        assertThat(cli.execute("openloop", "--admin-key", "k", "--scenario", "broadcast")).isEqualTo(2);
        assertThat(cli.execute("openloop")).isEqualTo(2); // --admin-key missing
    }
}

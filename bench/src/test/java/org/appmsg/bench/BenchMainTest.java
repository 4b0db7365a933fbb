package org.appmsg.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The jar's command line: the closed-loop tools get their arguments untouched. */
class BenchMainTest {

    @Test
    void every_tool_is_a_command() {
        assertThat(BenchMain.commandLine().getSubcommands().keySet()).containsExactlyInAnyOrder(
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
}

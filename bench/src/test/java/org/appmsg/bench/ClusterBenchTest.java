package org.appmsg.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the cluster bench reads from a frame (its cursor, our message, its msgId) and the options it refuses. */
class ClusterBenchTest {

    private static final byte[] FRAME = ("xx{\"msg\":{\"msgId\":\"7385723874562048\",\"fromUserName\":\"a1@app\",\"msgType\":1,"
            + "\"content\":\"clb|4711|\",\"expire\":604800},\"mid\":42,\"gid\":0}yy").getBytes(StandardCharsets.UTF_8);

    @Test
    void a_frame_gives_its_mid_our_message_number_and_its_msg_id() {
        int from = 2;
        int len = FRAME.length - 4;
        assertThat(ClusterBench.midOf(FRAME, from, len)).isEqualTo(42);
        assertThat(ClusterBench.messageOf(FRAME, from, len)).isEqualTo(4711);
        assertThat(ClusterBench.msgIdOf(FRAME, from, len)).isEqualTo("7385723874562048");
    }

    @Test
    void a_frame_that_is_not_ours_gives_nothing() {
        byte[] beat = "+h\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(ClusterBench.midOf(beat, 0, beat.length)).isZero();
        assertThat(ClusterBench.messageOf(beat, 0, beat.length)).isEqualTo(-1);
        assertThat(ClusterBench.msgIdOf(beat, 0, beat.length)).isNull();
        byte[] other = "{\"msg\":{\"content\":\"clb|\"},\"mid\":0,\"gid\":0}".getBytes(StandardCharsets.US_ASCII);
        assertThat(ClusterBench.messageOf(other, 0, other.length)).isEqualTo(-1);
    }

    @Test
    void the_machine_is_busy_except_when_idle_or_waiting_for_io() {
        assertThat(ClusterBench.busyAndTotal("cpu  376345 0 73119 931697 1242 0 3430 0 0 0"))
                .containsExactly(376345 + 73119 + 3430, 376345 + 73119 + 931697 + 1242 + 3430);
    }

    @Test
    void a_target_off_this_machine_or_mismatched_lists_are_usage_errors() {
        picocli.CommandLine cli = BenchMain.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("cluster", "--admin-key", "k", "--admin", "127.0.0.1:1", "--api", "10.1.2.3:8090",
                "--ws", "127.0.0.1:6968")).isEqualTo(2);
        assertThat(err.toString()).contains("10.1.2.3:8090 is not a loopback address");
        assertThat(cli.execute("cluster", "--admin-key", "k", "--admin", "127.0.0.1:1", "--api",
                "127.0.0.1:1,127.0.0.1:2", "--ws", "127.0.0.1:3")).isEqualTo(2);
        assertThat(err.toString()).contains("--api and --ws name the same nodes");
        assertThat(cli.execute("cluster", "--admin-key", "k", "--admin", "127.0.0.1:1", "--api", "127.0.0.1:1",
                "--ws", "127.0.0.1:3", "--kill-pid", "1", "--kill-node", "2")).isEqualTo(2);
        assertThat(err.toString()).contains("--kill-node must be");
    }
}

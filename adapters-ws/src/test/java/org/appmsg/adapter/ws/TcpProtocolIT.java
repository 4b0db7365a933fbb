package org.appmsg.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.appmsg.application.port.in.OpenSessionUseCase;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TcpProtocolIT {

    private final Gateway gateway = new Gateway();

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void an_accepted_client_gets_h_and_each_heartbeat_is_answered() throws Exception {
        TcpClient client = gateway.tcp();
        client.command("sub", "7_web-1@user", "30", "good");

        assertThat(client.next()).isEqualTo("+h\r\n");
        assertThat(client.heartbeat().next()).isEqualTo("+h\r\n");
        assertThat(client.heartbeat().next()).isEqualTo("+h\r\n");
        assertThat(gateway.sessions.connectionCount()).isEqualTo(1);
    }

    static Stream<Arguments> badParameters() {
        return Stream.of(
                Arguments.of((Object) new String[] {"get", "7@user", "30", "good"}),
                Arguments.of((Object) new String[] {"sub"}),
                Arguments.of((Object) new String[] {"sub", "7@user"}),
                Arguments.of((Object) new String[] {"sub", "abc", "30", "good"}),
                Arguments.of((Object) new String[] {"sub", "7@user", "soon", "good"}),
                Arguments.of((Object) new String[] {"sub", "7@user", "0", "good"}),
                Arguments.of((Object) new String[] {"sub", "7@user", "3601", "good"}),
                Arguments.of((Object) new String[] {"sub", "7@user", "30", "good", "1", "-1"}));
    }

    @ParameterizedTest
    @MethodSource("badParameters")
    void an_unknown_command_or_bad_parameters_get_p_and_a_close(String[] command) throws Exception {
        TcpClient client = gateway.tcp();
        client.command(command);

        assertThat(client.untilClosedText(5000)).isEqualTo("-p\r\n");
        assertThat(gateway.sessions.connectionCount()).isZero();
    }

    static Stream<Arguments> badTokens() {
        return Stream.of(
                Arguments.of((Object) new String[] {"sub", "7@user", "30"}),
                Arguments.of((Object) new String[] {"sub", "7@user", "30", ""}),
                Arguments.of((Object) new String[] {"sub", "7@user", "30", "wrong"}),
                Arguments.of((Object) new String[] {"sub", "7@user", "30", "wrong", "1.0"}));
    }

    @ParameterizedTest
    @MethodSource("badTokens")
    void a_missing_or_rejected_token_gets_a_and_a_close(String[] command) throws Exception {
        TcpClient client = gateway.tcp();
        client.command(command);

        assertThat(client.untilClosedText(5000)).isEqualTo("-a\r\n");
        assertThat(gateway.sessions.connectionCount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "+1\r\n$3\r\nsub\r\n",                                             // not a * line
        "*x\r\n$3\r\nsub\r\n",                                             // argc not a number
        "*1\n$3\r\nsub\r\n",                                               // bare LF
        "*0\r\n",                                                          // argc 0
        "*7\r\n$3\r\nsub\r\n$6\r\n7@user\r\n$2\r\n30\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n", // argc 7
        "*3\r\n$5\r\nsub\r\n$6\r\n7@user\r\n$2\r\n30\r\n",                 // length longer than the bytes
        "*3\r\n$2\r\nsub\r\n$6\r\n7@user\r\n$2\r\n30\r\n",                 // length shorter than the bytes
        "*1\r\n$-1\r\n",                                                   // negative length
        "*1\r\n$600\r\n",                                                  // oversized argument (body never read)
        "*1\r\n$99999999999\r\n",                                          // huge length
        "*3\r\n$3\r\nsub\r\n$6\r\n7@\u00ff\u00feer\r\n$2\r\n30\r\n",       // non-ASCII junk
    })
    void malformed_framing_is_closed_without_a_reply_before_the_deadline(String raw) throws Exception {
        try (Gateway patient = new Gateway(s -> new WebSocketAdapter.Settings(s.host(), 0, 1, s.heartbeatGrace(),
                s.socketTimeout(), s.sweepInterval(), s.maxQueuedFrames(), 4, 64, Duration.ofSeconds(30), Duration.ZERO))) {
            TcpClient client = patient.tcp();
            client.send(raw);

            assertThat(client.untilClosed(5000)).isEmpty();
            assertThat(patient.sessions.connectionCount()).isZero();
        }
    }

    @Test
    void a_client_that_sends_nothing_is_closed_at_the_subscribe_deadline() throws Exception {
        TcpClient client = gateway.tcp();
        long start = System.nanoTime();

        assertThat(client.untilClosed(5000)).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900), Duration.ofMillis(3000));
    }

    @Test
    void a_slow_loris_is_closed_at_the_subscribe_deadline_without_disturbing_others() throws Exception {
        TcpClient other = gateway.tcpSubscribe("8@user", "", null);
        assertThat(other.next()).isEqualTo("+h\r\n");
        byte[] command = "*4\r\n$3\r\nsub\r\n$6\r\n7@user\r\n$2\r\n30\r\n$4\r\ngood\r\n".getBytes();
        long start = System.nanoTime();
        Socket slow = new Socket("127.0.0.1", gateway.adapter.tcpPort());
        Thread trickle = Thread.ofVirtual().start(() -> {
            try (OutputStream out = slow.getOutputStream()) {
                for (byte b : command) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (IOException | InterruptedException e) {
                // closed by the server
            }
        });

        slow.setSoTimeout(5000);
        assertThat(slow.getInputStream().read()).isEqualTo(-1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900), Duration.ofMillis(3000));
        assertThat(other.heartbeat().next()).isEqualTo("+h\r\n");
        trickle.interrupt();
        slow.close();
    }

    @Test
    void anything_but_h_closes_the_connection() throws Exception {
        TcpClient client = gateway.tcpSubscribe("7@user", "", null);
        assertThat(client.next()).isEqualTo("+h\r\n");

        client.send("x");

        assertThat(client.untilClosed(5000)).isEmpty();
        gateway.awaitConnections(0);
    }

    @Test
    void a_client_that_misses_its_heartbeat_window_is_closed() throws Exception {
        TcpClient quiet = gateway.tcp();
        quiet.command("sub", "7@user", "1", "good");
        TcpClient beating = gateway.tcp();
        beating.command("sub", "8@user", "1", "good");
        assertThat(quiet.next()).isEqualTo("+h\r\n");
        assertThat(beating.next()).isEqualTo("+h\r\n");

        for (int i = 0; i < 5; i++) {
            Thread.sleep(400);
            assertThat(beating.heartbeat().next()).isEqualTo("+h\r\n");
        }

        assertThat(quiet.untilClosed(3000)).isEmpty();
        assertThat(gateway.sessions.connectionCount()).isEqualTo(1);
    }

    @Test
    void a_session_is_ended_once_when_its_tcp_connection_closes() throws Exception {
        TcpClient phone = gateway.tcpSubscribe("7_A@user", "1", null);
        assertThat(phone.next()).isEqualTo("+h\r\n");

        phone.close();

        gateway.awaitConnections(0);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (gateway.ended.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(100);
        assertThat(gateway.ended).containsExactly(new SessionId(new UserId("7"), "A"));
    }

    @Test
    void a_token_check_that_fails_closes_without_a_status() throws Exception {
        OpenSessionUseCase broken = command -> {
            throw new IllegalStateException("database down");
        };
        WebSocketAdapter adapter = new WebSocketAdapter(Gateway.testSettings(), new WebSocketAdapter.Sessions(), broken,
                key -> { }, query -> List.of(), query -> 0);
        adapter.startTcp("127.0.0.1", 0);
        try {
            TcpClient client = new TcpClient(adapter.tcpPort());
            client.command("sub", "7@user", "30", "good");

            assertThat(client.untilClosed(5000)).isEmpty();
        } finally {
            adapter.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void stop_closes_every_tcp_connection_and_the_listener() throws Exception {
        TcpClient first = gateway.tcpSubscribe("7@user", "", null);
        TcpClient second = gateway.tcpSubscribe("8_web-1@user", "1", null);
        TcpClient silent = gateway.tcp();
        assertThat(first.next()).isEqualTo("+h\r\n");
        assertThat(second.next()).isEqualTo("+h\r\n");
        int port = gateway.adapter.tcpPort();

        gateway.adapter.stop(Duration.ofSeconds(2));

        assertThat(first.untilClosed(5000)).isEmpty();
        assertThat(second.untilClosed(5000)).isEmpty();
        assertThat(silent.untilClosed(5000)).isEmpty();
        assertThat(gateway.sessions.connectionCount()).isZero();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void start_tcp_fails_when_the_port_is_taken_and_the_port_is_unknown_before_start() {
        WebSocketAdapter second = new WebSocketAdapter(Gateway.testSettings(), new WebSocketAdapter.Sessions(),
                command -> new OpenSessionUseCase.Result.Rejected(), key -> { }, query -> List.of(), query -> 0);
        try {
            assertThatThrownBy(second::tcpPort).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> second.startTcp("127.0.0.1", gateway.adapter.tcpPort()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot listen");
        } finally {
            second.stop(Duration.ofMillis(100));
        }
    }
}

package org.appmsg.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import org.appmsg.application.port.in.OpenSessionUseCase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProtocolIT {

    private final Gateway gateway = new Gateway();

    @AfterEach
    void stop() {
        gateway.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "heartbeat=30&token=good",
        "key=abc&heartbeat=30&token=good",
        "key=7@user&token=good",
        "key=7@user&heartbeat=soon&token=good",
        "key=7@user&heartbeat=0&token=good",
        "key=7@user&heartbeat=30&token=good&mid=-1",
    })
    void bad_parameters_get_p_and_a_close(String query) throws Exception {
        TestClient client = gateway.connect(query);

        assertThat(client.next()).isEqualTo("-p\r\n");
        assertThat(client.closed(5000).code()).isEqualTo(1008);
        assertThat(gateway.sessions.connectionCount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"key=7@user&heartbeat=30&token=wrong", "key=7@user&heartbeat=30"})
    void a_rejected_or_missing_token_gets_a_and_a_close(String query) throws Exception {
        TestClient client = gateway.connect(query);

        assertThat(client.next()).isEqualTo("-a\r\n");
        assertThat(client.closed(5000).code()).isEqualTo(1008);
        assertThat(gateway.sessions.connectionCount()).isZero();
    }

    @Test
    void an_accepted_client_gets_h_and_each_heartbeat_is_answered() throws Exception {
        TestClient client = gateway.subscribe("7_web-1@user", "");

        assertThat(client.next()).isEqualTo("+h\r\n");
        client.send("h");
        assertThat(client.next()).isEqualTo("+h\r\n");
        client.send("h");
        assertThat(client.next()).isEqualTo("+h\r\n");
        assertThat(gateway.sessions.connectionCount()).isEqualTo(1);
    }

    @Test
    void a_user_with_too_many_sessions_gets_c_and_a_close() throws Exception {
        TestClient client = gateway.connect("key=7_iOS-4@user&heartbeat=30&token=" + Gateway.CROWDED);

        assertThat(client.next()).isEqualTo("-c\r\n");
        assertThat(client.closed(5000)).satisfies(c -> {
            assertThat(c.code()).isEqualTo(1008);
            assertThat(c.reason()).contains("too many sessions");
        });
        assertThat(gateway.sessions.connectionCount()).isZero();
    }

    @Test
    void a_connection_is_closed_for_reconnection_when_its_lifetime_is_reached() throws Exception {
        try (Gateway shortLived = new Gateway(s -> s.withLimits(64, Duration.ofMillis(400)))) {
            TestClient client = shortLived.subscribe("7_web-1@user", "");
            assertThat(client.next()).isEqualTo("+h\r\n");

            assertThat(client.closed(5000)).isEqualTo(
                    new TestClient.Closed(Connection.LIFETIME_REACHED, "lifetime reached", true));
            shortLived.awaitConnections(0);
            assertThat(shortLived.ended).containsExactly(new org.appmsg.domain.session.SessionId(
                    new org.appmsg.domain.shared.UserId("7"), "web-1"));
        }
    }

    @Test
    void anything_but_h_closes_the_connection() throws Exception {
        TestClient client = gateway.subscribe("7@user", "");
        assertThat(client.next()).isEqualTo("+h\r\n");

        client.send("hello");

        assertThat(client.closed(5000).code()).isEqualTo(1008);
        gateway.awaitConnections(0);
    }

    @Test
    void a_client_that_misses_its_heartbeat_window_is_closed() throws Exception {
        TestClient quiet = gateway.connect("key=7@user&heartbeat=1&token=good");
        TestClient beating = gateway.connect("key=8@user&heartbeat=1&token=good");
        assertThat(quiet.next()).isEqualTo("+h\r\n");
        assertThat(beating.next()).isEqualTo("+h\r\n");

        for (int i = 0; i < 5; i++) {
            Thread.sleep(400);
            beating.send("h");
        }

        assertThat(quiet.closed(3000).code()).isEqualTo(Connection.HEARTBEAT_MISSED);
        assertThat(beating.isGone()).isFalse();
        assertThat(gateway.sessions.connectionCount()).isEqualTo(1);
    }

    @Test
    void another_path_is_refused_at_the_handshake() throws Exception {
        TestClient client = TestClient.connect(gateway.port(), "/other?key=7@user&heartbeat=30&token=good");

        assertThat(client.closed(5000)).isNotNull();
        assertThat(client.next(100)).isNull();
    }

    @Test
    void a_socket_that_never_completes_the_handshake_is_dropped() throws Exception {
        try (Socket silent = new Socket("127.0.0.1", gateway.port())) {
            silent.setSoTimeout(5000);
            InputStream in = silent.getInputStream();

            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void a_token_check_that_fails_closes_with_try_again_later() throws Exception {
        OpenSessionUseCase broken = command -> {
            throw new IllegalStateException("database down");
        };
        WebSocketAdapter adapter = new WebSocketAdapter(Gateway.testSettings(), new WebSocketAdapter.Sessions(), broken,
                key -> { }, query -> java.util.List.of(),
                query -> 0);
        adapter.start();
        try {
            TestClient client = TestClient.connect(adapter.port(), "/sub?key=7@user&heartbeat=30&token=good");

            assertThat(client.closed(5000).code()).isEqualTo(Connection.FAILED);
        } finally {
            adapter.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void stop_closes_every_connection_with_going_away() throws Exception {
        TestClient first = gateway.subscribe("7@user", "");
        TestClient second = gateway.subscribe("8_web-1@user", "&ver=1");
        assertThat(first.next()).isEqualTo("+h\r\n");
        assertThat(second.next()).isEqualTo("+h\r\n");

        gateway.adapter.stop(Duration.ofSeconds(2));

        assertThat(first.closed(5000)).isEqualTo(new TestClient.Closed(1001, "server shutting down", true));
        assertThat(second.closed(5000).code()).isEqualTo(1001);
        assertThat(gateway.sessions.connectionCount()).isZero();
    }

    @Test
    void start_fails_when_the_port_is_taken() {
        WebSocketAdapter.Settings taken = new WebSocketAdapter.Settings("127.0.0.1", gateway.port(), 1,
                Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofMillis(50), 16, 4, 64,
                Duration.ofSeconds(1), Duration.ZERO);
        WebSocketAdapter second = new WebSocketAdapter(taken, new WebSocketAdapter.Sessions(),
                command -> new OpenSessionUseCase.Result.Rejected(), key -> { }, query -> java.util.List.of(),
                query -> 0);

        assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot listen");
    }
}

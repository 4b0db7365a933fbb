package org.appmsg.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Connections rest on the token they subscribed with: when it is revoked or expires, each of them (WebSocket and
 * TCP) is sent {@code -a} and closed (4002 on the WebSocket), and the user's other connections stay.
 */
class RevocationIT {

    @Test
    void a_revoked_tokens_connections_are_told_and_closed_and_the_users_other_connections_stay() throws Exception {
        try (Gateway gateway = new Gateway()) {
            TestClient phone = ready(gateway.connect("key=7_A@user&heartbeat=30&ver=1&token=good-phone"));
            TcpClient legacy = gateway.tcp();
            legacy.command("sub", "7@user", "30", "good-phone", "1");
            assertThat(legacy.next()).isEqualTo("+h\r\n");
            TestClient laptop = ready(gateway.connect("key=7_B@user&heartbeat=30&ver=1&token=good-laptop"));
            gateway.awaitConnections(3);

            gateway.sessions.tokenRevoked(gateway.token("7", "good-phone"));

            assertThat(phone.next()).isEqualTo("-a\r\n");
            assertThat(phone.closed(5000))
                    .isEqualTo(new TestClient.Closed(Connection.TOKEN_WITHDRAWN, "token revoked", true));
            assertThat(legacy.untilClosedText(5000)).isEqualTo("-a\r\n");
            gateway.awaitConnections(1);
            gateway.push("7", 1);
            assertThat(laptop.next()).contains("\"mid\":1,");
            assertThat(laptop.isGone()).isFalse();
        }
    }

    @Test
    void connections_close_when_their_token_expires() throws Exception {
        try (Gateway gateway = new Gateway()) {
            gateway.tokenLifetime = Duration.ofMillis(1500);
            long opened = System.nanoTime();
            TestClient socket = ready(gateway.connect("key=7_A@user&heartbeat=30&ver=1&token=good-short"));
            TcpClient legacy = gateway.tcp();
            legacy.command("sub", "7@user", "30", "good-short", "1");
            assertThat(legacy.next()).isEqualTo("+h\r\n");

            assertThat(socket.next()).isEqualTo("-a\r\n");
            assertThat(socket.closed(5000))
                    .isEqualTo(new TestClient.Closed(Connection.TOKEN_WITHDRAWN, "token expired", true));
            assertThat(legacy.untilClosedText(5000)).isEqualTo("-a\r\n");
            long millis = Duration.ofNanos(System.nanoTime() - opened).toMillis();
            assertThat(millis).as("at the token's expiry, within a sweep").isBetween(1400L, 3000L);
        }
    }

    @Test
    void a_token_revoked_while_its_connection_is_being_admitted_is_refused_the_same_way() throws Exception {
        try (Gateway gateway = new Gateway()) {
            gateway.onOpen = token -> gateway.sessions.tokenRevoked(token); // checked, then revoked, then registered

            TestClient socket = gateway.connect("key=7_A@user&heartbeat=30&ver=1&token=good-racing");

            assertThat(socket.next()).isEqualTo("-a\r\n");
            assertThat(socket.closed(5000))
                    .isEqualTo(new TestClient.Closed(Connection.TOKEN_WITHDRAWN, "token revoked", true));
            assertThat(gateway.sessions.connectionCount()).isZero();
        }
    }

    private static TestClient ready(TestClient client) throws InterruptedException {
        assertThat(client.next()).isEqualTo("+h\r\n");
        return client;
    }
}

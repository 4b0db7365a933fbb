package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Signing out a device ({@code delToken}) closes the live connections that subscribed with that token, over the
 * WebSocket and TCP, with {@code -a} and (WebSocket) close 4002 "token revoked"; the user's other devices stay
 * connected and keep receiving.
 */
class TokenRevocationIT extends ServerFixture {

    @Override
    String databaseUrl() {
        return "";
    }

    @Test
    void deleting_a_token_closes_its_websocket_and_tcp_connections_and_only_those() throws Exception {
        syncUser("tom", "tom-login", "Tom", "tom-pw");
        syncUser("uma", "uma-login", "Uma", "uma-pw");
        String phone = login("tom-login", "tom-pw", "Android-tp");
        String laptop = login("tom-login", "tom-pw", "Android-tl");
        String uma = login("uma-login", "uma-pw", "Android-u1");
        try (Socket phoneWs = subscribe("tom_Android-tp@user", phone, "&ver=1");
                TcpFeed phoneTcp = TcpFeed.open(server.tcpPort(), "tom@user", "30", phone, "1");
                Socket laptopWs = subscribe("tom_Android-tl@user", laptop, "&ver=1")) {
            assertThat(phoneTcp.next(15)).isEqualTo("+h\r\n");

            var body = Client.obj();
            body.putObject("baseRequest").put("token", laptop);
            body.put("delToken", phone);
            JsonNode deleted = client.post("/app/client/device/delToken", body);
            assertThat(deleted.get("deleted").asBoolean()).as(deleted.toString()).isTrue();

            assertThat(phoneWs.next(15)).isEqualTo("-a\r\n");
            assertThat(phoneWs.closed.get(5, TimeUnit.SECONDS)).isEqualTo(4002);
            assertThat(phoneWs.closeReason).isEqualTo("token revoked");
            assertThat(phoneTcp.next(15)).isEqualTo("-a\r\n");
            phoneTcp.closed.get(5, TimeUnit.SECONDS);

            assertThat(ret(push(uma, "Android-u1", "uma@user", "tom@user", "still here?"))).isZero();
            assertThat(content(laptopWs.next(15))).isEqualTo("still here?");
            assertThat(laptopWs.isClosed()).isFalse();
            assertThat(phoneWs.drain(200)).isEmpty();
            assertThat(phoneTcp.drain(200)).isEmpty();
        }
        try (Socket again = Socket.open(server.wsPort(), "key=tom@user&heartbeat=30&token=" + phone)) {
            assertThat(again.next(15)).as("the deleted token cannot subscribe again").isEqualTo("-a\r\n");
        }
    }
}

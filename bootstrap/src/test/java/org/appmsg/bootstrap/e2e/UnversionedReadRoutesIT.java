package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The unversioned gopush reads ({@code /server/get}, {@code /msg/get}, {@code /time/get}) and upstream's
 * {@code /2/server/get}, called as the legacy clients call them (legacy spec §3.1: {@code key}, {@code proto},
 * {@code mid}, {@code callback}), answered in the legacy bodies byte for byte, with the legacy defects fixed
 * (the mailbox needs its user's token; time ids are microseconds).
 */
class UnversionedReadRoutesIT extends ServerFixture {

    @Override
    String databaseUrl() {
        return "";
    }

    @Test
    void server_get_answers_the_legacy_body_with_msg_ok_and_jsonp_through_callback() {
        var ws = client.get("/server/get?key=alice_Android-1@user&proto=1");
        assertThat(ws.statusCode()).isEqualTo(200);
        assertThat(ws.body()).isEqualTo("{\"ret\":0,\"msg\":\"ok\",\"data\":{\"server\":\"127.0.0.1:" + server.wsPort()
                + "\"}}");

        var tcp = client.get("/server/get?key=alice_Android-1@user&proto=2&callback=GoPushCli.callback_1");
        assertThat(tcp.body()).isEqualTo("GoPushCli.callback_1({\"ret\":0,\"msg\":\"ok\",\"data\":{\"server\":\"127.0.0.1:"
                + server.tcpPort() + "\"}})");
        assertThat(tcp.headers().firstValue("Content-Type").orElse("")).startsWith("application/javascript");
    }

    @Test
    void server_get_refuses_bad_input_naming_the_parameter_in_msg() {
        assertThat(client.get("/server/get?proto=1").body()).isEqualTo(
                "{\"ret\":65534,\"msg\":\"key is required, e.g. 123@user or 123_Android-abc@user\"}");
        assertThat(client.get("/server/get?key=alice@user&proto=3").body()).isEqualTo(
                "{\"ret\":65534,\"msg\":\"proto must be 1 (WebSocket) or 2 (TCP)\"}");
        assertThat(client.get("/server/get?key=alice@user").body()).isEqualTo(
                "{\"ret\":65534,\"msg\":\"proto is required (1 = WebSocket, 2 = TCP)\"}");
        assertThat(client.get("/server/get?key=alice@user&proto=1&callback=alert(1)").body()).isEqualTo(
                "{\"ret\":65534,\"msg\":\"callback must match [A-Za-z_$][A-Za-z0-9_$.]{0,63}\"}");
    }

    @Test
    void two_server_get_lists_the_address() {
        assertThat(client.get("/2/server/get?k=alice_Android-1@user&p=1").body()).isEqualTo(
                "{\"ret\":0,\"data\":{\"server\":[\"127.0.0.1:" + server.wsPort() + "\"]}}");
        assertThat(client.get("/2/server/get?k=alice_Android-1@user&p=2&cb=cb").body()).isEqualTo(
                "cb({\"ret\":0,\"data\":{\"server\":[\"127.0.0.1:" + server.tcpPort() + "\"]}})");
        assertThat(client.get("/2/server/get?p=1").body()).isEqualTo(
                "{\"ret\":65534,\"errMsg\":\"k is required, e.g. 123@user or 123_Android-abc@user\"}");
    }

    @Test
    void time_get_is_microseconds_like_every_other_time_id() {
        long before = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        String body = client.get("/time/get?callback=t").body();
        long after = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        Matcher m = Pattern.compile("t\\(\\{\"ret\":0,\"msg\":\"ok\",\"data\":\\{\"timeid\":(\\d+)}}\\)").matcher(body);
        assertThat(m.matches()).as(body).isTrue();
        assertThat(Long.parseLong(m.group(1))).isBetween(before, after);
    }

    @Test
    void msg_get_lists_old_format_frames_as_strings_and_needs_the_users_token() {
        String kim = signedIn("kim");
        String lee = signedIn("lee");
        assertThat(client.get("/msg/get?key=lee@user&mid=0&token=" + lee).body())
                .isEqualTo("{\"ret\":0,\"msg\":\"ok\"}");
        assertThat(ret(push(kim, "Android-kim", "kim@user", "lee@user", "first"))).isZero();
        assertThat(ret(push(kim, "Android-kim", "kim@user", "lee@user", "second"))).isZero();

        JsonNode current = fetch(lee, "lee@user", 0, 10);
        String msg1 = current.path("data").path("msgs").get(0).get("msg").toString();
        String msg2 = current.path("data").path("msgs").get(1).get("msg").toString();
        String expected = "{\"ret\":0,\"msg\":\"ok\",\"data\":{\"msgs\":["
                + quote("{\"msg\":" + quote(msg1) + ",\"mid\":1,\"gid\":0}") + ","
                + quote("{\"msg\":" + quote(msg2) + ",\"mid\":2,\"gid\":0}") + "],\"pmsgs\":[]}}";
        assertThat(client.get("/msg/get?key=lee_Android-lee@user&mid=0&token=" + lee).body()).isEqualTo(expected);
        assertThat(client.get("/msg/get?key=lee@user&mid=1&token=" + lee + "&callback=cb").body()).isEqualTo(
                "cb({\"ret\":0,\"msg\":\"ok\",\"data\":{\"msgs\":["
                        + quote("{\"msg\":" + quote(msg2) + ",\"mid\":2,\"gid\":0}") + "],\"pmsgs\":[]}})");
        // the legacy server answered anyone; here the key's user's token is required
        assertThat(client.get("/msg/get?key=lee@user&mid=0").body())
                .isEqualTo("{\"ret\":65534,\"msg\":\"token is required\"}");
        assertThat(client.get("/msg/get?key=lee@user&mid=0&token=" + kim).body())
                .isEqualTo("{\"ret\":65533,\"msg\":\"token is not valid for this key\"}");
        assertThat(client.get("/msg/get?key=lee@user&mid=x&token=" + lee).body())
                .isEqualTo("{\"ret\":65534,\"msg\":\"mid must be an integer\"}");
    }

    @Test
    void msg_get_says_more_when_another_page_follows() {
        String ann = signedIn("ann2");
        String ben = signedIn("ben2");
        for (int i = 0; i < 3; i++) {
            assertThat(ret(push(ann, "Android-ann2", "ann2@user", "ben2@user", "m" + i))).isZero();
        }
        JsonNode page = Client.parse(client.get("/msg/get?key=ben2@user&mid=0&limit=2&token=" + ben).body());
        assertThat(page.path("data").path("msgs")).hasSize(2);
        assertThat(page.path("data").path("more").asBoolean()).isTrue();
        JsonNode last = Client.parse(client.get("/msg/get?key=ben2@user&mid=2&limit=2&token=" + ben).body());
        assertThat(last.path("data").path("msgs")).hasSize(1);
        assertThat(last.path("data").has("more")).isFalse();
    }

    private static String quote(String s) {
        return Client.JSON.getNodeFactory().textNode(s).toString();
    }
}

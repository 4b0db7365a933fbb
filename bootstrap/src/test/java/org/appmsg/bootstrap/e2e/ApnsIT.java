package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.appmsg.adapter.apns.Eventually;
import org.appmsg.adapter.apns.MockApns;
import org.appmsg.adapter.apns.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * APNs end to end over the real protocols: the operator sets a credential through the admin API, an iPhone logs
 * in with its apnsToken, pushes to it while it is offline reach Pushy's mock APNs server exactly once with the
 * documented payload, an active session stops them, and the delivery status is readable by the sender and the
 * operator. The server trusts the mock's test CA through APPMSG_APNS_TRUST_CERT.
 */
class ApnsIT extends ServerFixture {

    static final TestPki PKI = new TestPki();
    static final MockApns APNS = new MockApns(PKI);
    static final String BOB_PHONE = "iOS-b1";
    static final String TOKEN = "a1b2c3d4".repeat(8);

    @Override
    String databaseUrl() {
        return "";
    }

    @Override
    void moreSettings(Map<String, String> env) {
        try {
            env.put("APPMSG_APNS_ENDPOINT", "127.0.0.1:" + APNS.port());
            env.put("APPMSG_APNS_TRUST_CERT", PKI.caPem(Files.createTempFile("apns-ca", ".pem")).toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopMock() {
        APNS.close();
    }

    ObjectNode tokenCredential(String key) {
        return Client.obj().put("topic", "com.acme.chat").put("environment", "sandbox").put("auth", "token")
                .put("key", key).put("keyId", "KEY1234567").put("teamId", "TEAM123456");
    }

    JsonNode iosLogin(String login, String password, String deviceId, String apnsToken) {
        var body = Client.obj();
        body.putObject("baseRequest").put("uid", "").put("deviceID", deviceId).put("deviceType", "iOS").put("token", "");
        body.put("userName", login).put("password", password);
        if (apnsToken != null) {
            body.put("apnsToken", apnsToken);
        }
        return client.post("/app/client/device/login", body);
    }

    JsonNode setState(String token, String sessionId, String state) {
        var body = Client.obj();
        body.putObject("baseRequest").put("token", token);
        body.put("sessionId", sessionId).put("state", state);
        return client.post("/app/client/device/setSessionState", body);
    }

    List<MockApns.Received> toBob() {
        return APNS.accepted().stream().filter(r -> r.token().equals(TOKEN)).toList();
    }

    @Test
    void an_offline_iphone_is_notified_once_an_active_one_is_not() throws Exception {
        String key = TestPki.p8(TestPki.ec());
        var put = client.adminPut("/admin/apns/customers/c1", ADMIN_KEY, tokenCredential(key).toString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(put.body()).doesNotContain("PRIVATE KEY").contains("\"keyId\":\"KEY1234567\"");
        var broken = client.adminPut("/admin/apns/customers/c1", ADMIN_KEY,
                tokenCredential("-----BEGIN PRIVATE KEY-----\nbm9wZQ==\n-----END PRIVATE KEY-----\n").toString());
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains(".p8 key");
        var listed = client.adminGet("/admin/apns", ADMIN_KEY);
        assertThat(listed.body()).contains("\"auth\":\"token\"").doesNotContain("PRIVATE KEY");

        JsonNode badLogin = iosLogin("bob-login", "bob-pw", BOB_PHONE, "not-hex");
        assertThat(ret(badLogin)).isEqualTo(65534);
        assertThat(badLogin.get("baseResponse").get("errMsg").asText()).contains("apnsToken");
        JsonNode bob = iosLogin("bob-login", "bob-pw", BOB_PHONE, TOKEN.toUpperCase());
        assertThat(ret(bob)).as(bob.toString()).isZero();
        String tb = bob.get("token").asText();
        String ta = login("alice-login", "alice-pw", "Android-a1");

        JsonNode first = push(ta, "Android-a1", "alice@user", "bob@user", "are you there?");
        assertThat(ret(first)).isZero();
        Eventually.within(Duration.ofSeconds(10), () -> toBob().size() == 1);
        String msgId = first.get("msgID").asText();
        assertThat(toBob().get(0).topic()).isEqualTo("com.acme.chat");
        assertThat(toBob().get(0).payload()).isEqualTo("{\"aps\":{\"alert\":{\"title\":\"Alice\",\"body\":\"are you"
                + " there?\"},\"sound\":\"default\"},\"msgId\":\"" + msgId + "\",\"mid\":1,\"from\":\"alice@user\"}");

        // the app comes to the foreground: its session is active, the message arrives live and APNs stays quiet
        try (Socket phone = Socket.open(server.wsPort(), "key=bob_" + BOB_PHONE + "@user&heartbeat=60&token=" + tb
                + "&ver=1&mid=1")) {
            assertThat(phone.next(5)).startsWith("+h");
            assertThat(ret(setState(tb, "bob_" + BOB_PHONE, "active"))).isZero();
            assertThat(ret(push(ta, "Android-a1", "alice@user", "bob@user", "lunch?"))).isZero();
            assertThat(Client.parse(phone.next(5)).get("msg").get("content").asText()).isEqualTo("lunch?");
            Eventually.throughout(Duration.ofSeconds(1), () -> toBob().size() == 1);

            // fetching and replaying what was already notified notifies nothing again
            assertThat(fetch(tb, "bob_" + BOB_PHONE + "@user", 0, 10).toString()).contains("are you there?");
            Eventually.throughout(Duration.ofMillis(500), () -> toBob().size() == 1);

            // back to the background: notified again
            assertThat(ret(setState(tb, "bob_" + BOB_PHONE, "inactive"))).isZero();
            assertThat(ret(push(ta, "Android-a1", "alice@user", "bob@user", "see you"))).isZero();
            Eventually.within(Duration.ofSeconds(10), () -> toBob().size() == 2);
            assertThat(toBob().get(1).payload()).contains("\"body\":\"see you\"");

            // customFilelds become top-level payload keys; one that is not an object is refused and stores nothing
            var custom = Client.obj();
            custom.putObject("baseRequest").put("uid", "").put("deviceID", "Android-a1").put("deviceType", "Android")
                    .put("token", ta);
            var msg = custom.putObject("msg").put("fromUserName", "alice@user").put("toUserName", "bob@user")
                    .put("content", "with extras").put("msgType", 1);
            msg.put("customFilelds", "oops");
            JsonNode refused = client.post("/app/client/device/push", custom);
            assertThat(ret(refused)).isEqualTo(65534);
            assertThat(refused.get("baseResponse").get("errMsg").asText()).contains("customFilelds");
            msg.putObject("customFilelds").put("chatId", "c-7").put("from", "spoofed").putArray("tags").add(1);
            assertThat(ret(client.post("/app/client/device/push", custom))).isZero();
            Eventually.within(Duration.ofSeconds(10), () -> toBob().size() == 3);
            assertThat(toBob().get(2).payload()).contains("\"body\":\"with extras\"")
                    .contains("\"from\":\"alice@user\",\"chatId\":\"c-7\",\"tags\":[1]}")
                    .doesNotContain("spoofed");
        }

        var status = client.adminGet("/admin/messages/" + msgId + "/status", ADMIN_KEY);
        assertThat(status.statusCode()).isEqualTo(200);
        JsonNode recipient = Client.parse(status.body()).get("recipients").get(0);
        assertThat(recipient.get("userName").asText()).isEqualTo("bob@user");
        assertThat(recipient.get("liveSessions").asInt()).isZero();
        assertThat(recipient.get("apns").get(0).get("state").asText()).isEqualTo("accepted");
        assertThat(recipient.get("apns").get(0).get("deviceID").asText()).isEqualTo(BOB_PHONE);

        // signing out unbinds the phone's token: no more notifications
        var out = Client.obj();
        out.putObject("baseRequest").put("token", tb);
        out.put("delToken", tb);
        assertThat(ret(client.post("/app/client/device/delToken", out))).isZero();
        assertThat(ret(push(ta, "Android-a1", "alice@user", "bob@user", "after sign-out"))).isZero();
        Eventually.throughout(Duration.ofSeconds(1), () -> toBob().size() == 3);
    }

    @Test
    void add_and_del_apns_token_bind_to_the_callers_device_and_bad_input_changes_nothing() {
        String carolToken = "c0ffee00".repeat(8);
        syncUser("carol", "carol-login", "Carol", "carol-pw");
        JsonNode carol = iosLogin("carol-login", "carol-pw", "iOS-c1", null);
        String tc = carol.get("token").asText();
        var add = Client.obj();
        add.putObject("baseRequest").put("token", tc);
        add.put("apnsToken", "xyz");
        assertThat(ret(client.post("/app/client/device/addApnsToken", add))).isEqualTo(65534);
        add.put("apnsToken", carolToken);
        JsonNode added = client.post("/app/client/device/addApnsToken", add);
        assertThat(ret(added)).isZero();
        assertThat(added.get("baseResponse").get("errMsg").asText()).isEqualTo("Save apns_token success");
        assertThat(added.get("deviceID").asText()).isEqualTo("iOS-c1");

        // the application's push notifies carol's phone; the application reads the status of its own message only
        var appPush = Client.obj();
        appPush.putObject("baseRequest").put("token", appToken);
        appPush.putArray("toUserNames").add("carol@user");
        appPush.put("msgType", 3).put("content", "");
        appPush.putObject("objectContent").putObject("responseUpload").put("fid", "3,01").put("fileName", "a.png")
                .put("fileUrl", "http://files/3,01").put("size", 10);
        JsonNode pushed = client.post("/app/client/app/user/push", appPush);
        assertThat(ret(pushed)).as(pushed.toString()).isZero();
        Eventually.within(Duration.ofSeconds(10), () -> APNS.accepted().stream()
                .anyMatch(r -> r.token().equals(carolToken)));
        assertThat(APNS.accepted().stream().filter(r -> r.token().equals(carolToken)).findFirst().orElseThrow()
                .payload()).contains("\"title\":\"App app1\",\"body\":\"[image]\"");
        var query = Client.obj();
        query.putObject("baseRequest").put("token", appToken);
        query.put("msgID", pushed.get("msgID").asText());
        Eventually.within(Duration.ofSeconds(5), () -> client.post("/app/client/app/getMessageStatus", query)
                .toString().contains("\"state\":\"accepted\""));
        query.put("msgID", "12345");
        assertThat(ret(client.post("/app/client/app/getMessageStatus", query))).isEqualTo(65531);

        var del = Client.obj();
        del.putObject("baseRequest").put("token", tc);
        del.put("apnsToken", carolToken);
        JsonNode deleted = client.post("/app/client/device/delApnsToken", del);
        assertThat(ret(deleted)).isZero();
        assertThat(deleted.get("deleted").asBoolean()).isTrue();
        assertThat(client.post("/app/client/device/delApnsToken", del).get("deleted").asBoolean()).isFalse();
    }
}

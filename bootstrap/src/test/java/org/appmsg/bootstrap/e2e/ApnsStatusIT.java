package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.pushy.apns.server.RejectionReason;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.appmsg.adapter.apns.Eventually;
import org.appmsg.adapter.apns.MockApns;
import org.appmsg.adapter.apns.TestPki;
import org.appmsg.bootstrap.AppmsgServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Per-message delivery status end to end, on the embedded H2 store: an application pushes to a user with two
 * iPhones, the mock APNs server accepts one and rejects the other, and the sending application (only it) and the
 * operator read what happened, before and after the server restarts on the same database file.
 */
class ApnsStatusIT extends ServerFixture {

    static final TestPki PKI = new TestPki();
    static final MockApns APNS = new MockApns(PKI);
    static final String GOOD = "a1b2c3d4".repeat(8);
    static final String BAD = "deadbeef".repeat(8);

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

    void credential() {
        var put = client.adminPut("/admin/apns/customers/c1", ADMIN_KEY, Client.obj().put("topic", "com.acme.chat")
                .put("environment", "sandbox").put("auth", "token").put("key", TestPki.p8(TestPki.ec()))
                .put("keyId", "KEY1234567").put("teamId", "TEAM123456").toString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    }

    String iosLogin(String login, String password, String deviceId, String apnsToken) {
        var body = Client.obj();
        body.putObject("baseRequest").put("uid", "").put("deviceID", deviceId).put("deviceType", "iOS").put("token", "");
        body.put("userName", login).put("password", password).put("apnsToken", apnsToken);
        JsonNode r = client.post("/app/client/device/login", body);
        assertThat(ret(r)).as(r.toString()).isZero();
        return r.get("token").asText();
    }

    ObjectNode appPush(String token, String to, String content) {
        var body = Client.obj();
        body.putObject("baseRequest").put("token", token);
        body.putArray("toUserNames").add(to);
        body.put("msgType", 1).put("content", content);
        return body;
    }

    JsonNode status(String token, String msgId) {
        var query = Client.obj();
        query.putObject("baseRequest").put("token", token);
        query.put("msgID", msgId);
        return client.post("/app/client/app/getMessageStatus", query);
    }

    @Test
    void the_status_survives_a_restart_and_only_the_sending_application_and_the_operator_read_it() {
        credential();
        APNS.reject(BAD, RejectionReason.BAD_DEVICE_TOKEN);
        iosLogin("bob-login", "bob-pw", "iOS-b1", GOOD);
        iosLogin("bob-login", "bob-pw", "iOS-b2", BAD);
        String otherApp = provision("c2", "t2", "app2");

        JsonNode pushed = client.post("/app/client/app/user/push", appPush(appToken, "bob@user", "your order shipped"));
        assertThat(ret(pushed)).as(pushed.toString()).isZero();
        String msgId = pushed.get("msgID").asText();
        Eventually.within(Duration.ofSeconds(10), () -> APNS.accepted().stream().anyMatch(r -> r.token().equals(GOOD)));
        Eventually.within(Duration.ofSeconds(10), () -> status(appToken, msgId).toString().contains("rejected"));

        String expected = "{\"msgID\":\"" + msgId + "\",\"fromUserName\":\"app1@app\",\"recipients\":[{\"userName\":"
                + "\"bob@user\",\"mid\":1,\"stored\":true,\"liveSessions\":0,\"apns\":[{\"deviceID\":\"iOS-b1\","
                + "\"state\":\"accepted\",\"detail\":\"\"},{\"deviceID\":\"iOS-b2\",\"state\":\"rejected\","
                + "\"detail\":\"400 BadDeviceToken\"}]}]}";
        assertThat(status(appToken, msgId).get("status").toString()).isEqualTo(expected);
        JsonNode foreign = status(otherApp, msgId);
        assertThat(ret(foreign)).as("another application's message is unknown to it").isEqualTo(65531);
        assertThat(foreign.toString()).doesNotContain("bob@user");
        assertThat(ret(status(appToken, "4242"))).isEqualTo(65531);

        server.close();
        server = AppmsgServer.start(config());
        client = new Client(server.httpPort(), server.adminPort());

        assertThat(status(appToken, msgId).get("status").toString()).isEqualTo(expected);
        assertThat(ret(status(otherApp, msgId))).isEqualTo(65531);
        var admin = client.adminGet("/admin/messages/" + msgId + "/status", ADMIN_KEY);
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).isEqualTo(expected);
        assertThat(client.adminGet("/admin/messages/4242/status", ADMIN_KEY).statusCode()).isEqualTo(404);
    }

    @Test
    void a_live_only_push_notifies_only_when_it_asks_with_apns_true() {
        credential();
        String carolPhone = "c0ffee00".repeat(8);
        syncUser("carol", "carol-login", "Carol", "carol-pw");
        iosLogin("carol-login", "carol-pw", "iOS-c1", carolPhone);

        JsonNode quiet = client.post("/app/client/app/user/push", appPush(appToken, "carol@user", "typing").put("expire", 0));
        assertThat(ret(quiet)).as(quiet.toString()).isZero();
        JsonNode asked = client.post("/app/client/app/user/push",
                appPush(appToken, "carol@user", "incoming call").put("expire", 0).put("apns", true));
        assertThat(ret(asked)).as(asked.toString()).isZero();

        Eventually.within(Duration.ofSeconds(10), () -> APNS.accepted().stream().anyMatch(r -> r.token().equals(carolPhone)));
        Eventually.throughout(Duration.ofSeconds(1),
                () -> APNS.accepted().stream().filter(r -> r.token().equals(carolPhone)).count() == 1);
        String msgId = asked.get("msgID").asText();
        assertThat(APNS.accepted().stream().filter(r -> r.token().equals(carolPhone)).findFirst().orElseThrow().payload())
                .contains("\"body\":\"incoming call\"").contains("\"msgId\":\"" + msgId + "\",\"mid\":0");
        Eventually.within(Duration.ofSeconds(5), () -> status(appToken, msgId).toString().contains("accepted"));
        assertThat(status(appToken, msgId).get("status").get("recipients").get(0).get("stored").asBoolean()).isFalse();
        assertThat(ret(status(appToken, quiet.get("msgID").asText()))).as("no notification, no status").isEqualTo(65531);
    }
}

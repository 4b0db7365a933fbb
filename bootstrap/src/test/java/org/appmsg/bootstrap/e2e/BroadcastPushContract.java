package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A device's push to {@code @org} / {@code @tenant} end to end (issue #5): refused without the broadcast permission
 * the admin API grants, with it stored for every user of the org's subtree or the tenant and delivered live, never
 * to the sending device. Tenant t1 (app1) has the fixture's alice and bob (in no org) plus orgs s1 → s1a and h1,
 * with dan in s1, fay in s1a, erin in h1; tenant t2 (app2, same customer) has carol in org x2. Subclasses choose
 * the database.
 */
abstract class BroadcastPushContract extends ServerFixture {

    private static final List<String> T1 = List.of("alice", "bob", "dan", "fay", "erin");

    DirectoryCalls dir;
    /** Token per user; dan has two devices, Android-d1 (the sending one) and iOS-d2. */
    final Map<String, String> tokens = new LinkedHashMap<>();
    String danPad;

    @BeforeAll
    void buildDirectory() {
        dir = new DirectoryCalls(client);
        String app2 = provision("c1", "t2", "app2");
        AppPushContract.ok(dir.syncOrg(appToken, "s1", "", "", "Sales", 0));
        AppPushContract.ok(dir.syncOrg(appToken, "s1a", "s1", "", "Sales A", 0));
        AppPushContract.ok(dir.syncOrg(appToken, "h1", "", "", "HR", 1));
        AppPushContract.ok(dir.syncOrg(app2, "x2", "", "", "Elsewhere", 0));
        AppPushContract.ok(dir.syncUser(appToken, "dan", "dan-login", "Dan", "", "s1"));
        AppPushContract.ok(dir.syncUser(appToken, "fay", "fay-login", "Fay", "", "s1a"));
        AppPushContract.ok(dir.syncUser(appToken, "erin", "erin-login", "Erin", "", "h1"));
        AppPushContract.ok(dir.syncUser(app2, "carol", "carol-login", "Carol", "", "x2"));
        tokens.put("alice", login("alice-login", "alice-pw", "Android-a1"));
        tokens.put("bob", login("bob-login", "bob-pw", "Android-b1"));
        tokens.put("dan", login("dan-login", "pw-dan", "Android-d1"));
        tokens.put("fay", login("fay-login", "pw-fay", "Android-f1"));
        tokens.put("erin", login("erin-login", "pw-erin", "Android-e1"));
        tokens.put("carol", login("carol-login", "pw-carol", "Android-c1"));
        danPad = login("dan-login", "pw-dan", "iOS-d2");
    }

    HttpResponse<String> setBroadcast(String uid, boolean broadcast) {
        var response = client.adminPut("/admin/users/" + uid + "/permissions", ADMIN_KEY,
                "{\"broadcast\":" + broadcast + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"userId\":\"" + uid + "\",\"broadcast\":" + broadcast + "}");
        return response;
    }

    /** A device push from {@code uid}'s Android device; {@code expire} null leaves it out (the server default). */
    JsonNode broadcast(String uid, String to, String content, Long expire) {
        ObjectNode body = Client.obj();
        body.putObject("baseRequest").put("deviceID", "Android-" + uid.charAt(0) + "1").put("deviceType", "Android")
                .put("token", tokens.get(uid));
        ObjectNode msg = body.putObject("msg").put("fromUserName", uid + "@user").put("toUserName", to)
                .put("content", content).put("msgType", 1).put("clientMsgId", "c-" + content);
        if (expire != null) {
            msg.put("expire", expire);
        }
        return client.post("/app/client/device/push", body);
    }

    JsonNode broadcast(String uid, String to, String content) {
        return broadcast(uid, to, content, null);
    }

    /** Every user's highest mid now, to compare mailboxes after a push. */
    Map<String, Long> marks() {
        Map<String, Long> marks = new LinkedHashMap<>();
        tokens.forEach((uid, token) -> marks.put(uid, lastMid(uid)));
        return marks;
    }

    long lastMid(String uid) {
        JsonNode page = fetch(tokens.get(uid), uid + "@user", 0, 1000);
        assertThat(ret(page)).as(page.toString()).isZero();
        long last = 0;
        if (page.has("data")) {
            for (JsonNode m : page.get("data").get("msgs")) {
                last = Math.max(last, m.get("mid").asLong());
            }
        }
        return last;
    }

    /** The messages in the user's mailbox after {@code marks}' mid for it. */
    List<JsonNode> since(Map<String, Long> marks, String uid) {
        JsonNode page = fetch(tokens.get(uid), uid + "@user", marks.get(uid), 100);
        assertThat(ret(page)).as(page.toString()).isZero();
        List<JsonNode> out = new ArrayList<>();
        if (page.has("data")) {
            page.get("data").get("msgs").forEach(m -> out.add(m.get("msg")));
        }
        return out;
    }

    List<String> contentsSince(Map<String, Long> marks, String uid) {
        return since(marks, uid).stream().map(m -> m.get("content").asText()).toList();
    }

    void assertNothingStoredSince(Map<String, Long> marks) {
        marks.keySet().forEach(uid -> assertThat(since(marks, uid)).as(uid).isEmpty());
    }

    Socket subscribe(String uid, String device) {
        String token = device.equals("iOS-d2") ? danPad : tokens.get(uid);
        return subscribe(uid + "_" + device + "@user", token, "&ver=1");
    }

    @Test
    void without_the_permission_a_push_to_an_org_or_the_tenant_is_refused_and_stores_nothing() throws Exception {
        setBroadcast("dan", false);
        Map<String, Long> marks = marks();

        try (Socket fay = subscribe("fay", "Android-f1")) {
            JsonNode refused = broadcast("dan", "s1@org", "no-right");
            assertThat(ret(refused)).as(refused.toString()).isEqualTo(65533);
            assertThat(refused.get("baseResponse").get("errMsg").asText()).contains("broadcast permission");
            assertThat(ret(broadcast("dan", "t1@tenant", "no-right"))).isEqualTo(65533);
            assertThat(ret(broadcast("dan", "nowhere@org", "no-right"))).as("no hint that it does not exist")
                    .isEqualTo(65533);
            assertThat(ret(broadcast("alice", "s1@org", "no-right"))).isEqualTo(65533);

            assertThat(fay.drain(300)).isEmpty();
        }
        assertNothingStoredSince(marks);
    }

    @Test
    void a_granted_push_to_an_org_reaches_its_subtree_live_and_stored_but_not_the_sending_device() throws Exception {
        setBroadcast("dan", true);
        var read = client.adminGet("/admin/users/dan/permissions", ADMIN_KEY);
        assertThat(read.body()).isEqualTo("{\"userId\":\"dan\",\"broadcast\":true}");
        Map<String, Long> marks = marks();

        try (Socket phone = subscribe("dan", "Android-d1"); Socket pad = subscribe("dan", "iOS-d2");
                Socket fay = subscribe("fay", "Android-f1"); Socket erin = subscribe("erin", "Android-e1")) {
            JsonNode response = broadcast("dan", "s1@org", "to-sales");
            assertThat(ret(response)).as(response.toString()).isZero();
            assertThat(response.get("clientMsgId").asText()).isEqualTo("c-to-sales");

            String frame = fay.next(5);
            assertThat(content(frame)).isEqualTo("to-sales");
            JsonNode msg = Client.parse(frame).get("msg");
            assertThat(msg.get("fromUserName").asText()).isEqualTo("dan@user");
            assertThat(msg.get("fromDisplayName").asText()).isEqualTo("Dan");
            assertThat(msg.get("toUserName").asText()).isEqualTo("s1@org");
            assertThat(msg.get("deviceID").asText()).isEqualTo("Android-d1");
            assertThat(msg.get("msgId").asText()).isEqualTo(response.get("msgID").asText());
            String own = pad.next(5);
            assertThat(content(own)).isEqualTo("to-sales");
            assertThat(mid(own)).isEqualTo(response.get("mid").asLong()).isGreaterThan(marks.get("dan"));
            assertThat(phone.drain(500)).as("the sending device").isEmpty();
            assertThat(erin.drain(100)).as("not in the subtree").isEmpty();
        }
        assertThat(contentsSince(marks, "fay")).containsExactly("to-sales");
        assertThat(contentsSince(marks, "dan")).as("one copy, in the org and the sender").containsExactly("to-sales");
        for (String outside : List.of("alice", "bob", "erin", "carol")) {
            assertThat(since(marks, outside)).as(outside).isEmpty();
        }

        setBroadcast("dan", false);
        Map<String, Long> afterRevoke = marks();
        assertThat(ret(broadcast("dan", "s1@org", "revoked"))).isEqualTo(65533);
        assertNothingStoredSince(afterRevoke);
    }

    @Test
    void a_sender_outside_the_org_gets_its_own_copy() {
        setBroadcast("erin", true);
        Map<String, Long> marks = marks();

        long mid = AppPushContract.ok(broadcast("erin", "s1@org", "from-hr")).get("mid").asLong();

        assertThat(since(marks, "erin")).singleElement()
                .satisfies(m -> assertThat(m.get("toUserName").asText()).isEqualTo("s1@org"));
        assertThat(lastMid("erin")).isEqualTo(mid);
        assertThat(contentsSince(marks, "dan")).containsExactly("from-hr");
        assertThat(contentsSince(marks, "fay")).containsExactly("from-hr");
        assertThat(since(marks, "alice")).isEmpty();
    }

    @Test
    void a_granted_push_to_the_own_tenant_reaches_every_user_of_it_once() {
        setBroadcast("erin", true);
        Map<String, Long> marks = marks();

        AppPushContract.ok(broadcast("erin", "t1@tenant", "to-everyone"));

        for (String uid : T1) {
            assertThat(since(marks, uid)).as(uid).singleElement().satisfies(m -> {
                assertThat(m.get("content").asText()).isEqualTo("to-everyone");
                assertThat(m.get("toUserName").asText()).isEqualTo("t1@tenant");
                assertThat(m.get("toDisplayName").asText()).isEqualTo("Tenant t1");
            });
        }
        assertThat(since(marks, "carol")).isEmpty();
    }

    @Test
    void another_tenant_is_refused_and_its_org_is_as_unknown_as_an_unknown_org() {
        setBroadcast("dan", true);
        Map<String, Long> marks = marks();

        assertThat(ret(broadcast("dan", "x2@org", "cross"))).isEqualTo(65531);
        assertThat(ret(broadcast("dan", "t2@tenant", "cross"))).isEqualTo(65533);
        assertThat(ret(broadcast("dan", "t9@tenant", "cross"))).isEqualTo(65533);
        JsonNode unknown = broadcast("dan", "nowhere@org", "cross");
        assertThat(ret(unknown)).isEqualTo(65531);
        assertThat(unknown.get("baseResponse").get("errMsg").asText()).contains("nowhere@org");

        assertNothingStoredSince(marks);
    }

    @Test
    void a_live_only_broadcast_reaches_connected_sessions_and_no_mailbox() throws Exception {
        setBroadcast("dan", true);
        Map<String, Long> marks = marks();

        try (Socket fay = subscribe("fay", "Android-f1")) {
            JsonNode response = broadcast("dan", "s1@org", "live-only", 0L);

            assertThat(ret(response)).as(response.toString()).isZero();
            assertThat(response.get("mid").asLong()).isZero();
            String frame = fay.next(5);
            assertThat(content(frame)).isEqualTo("live-only");
            assertThat(mid(frame)).isZero();
        }
        assertNothingStoredSince(marks);
    }

    @Test
    void the_admin_route_answers_unknown_users_missing_keys_and_bad_bodies() {
        var fresh = client.adminGet("/admin/users/alice/permissions", ADMIN_KEY);
        assertThat(fresh.statusCode()).isEqualTo(200);
        assertThat(fresh.body()).isEqualTo("{\"userId\":\"alice\",\"broadcast\":false}");

        var unknown = client.adminPut("/admin/users/ghost/permissions", ADMIN_KEY, "{\"broadcast\":true}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("ghost");
        assertThat(client.adminGet("/admin/users/ghost/permissions", ADMIN_KEY).statusCode()).isEqualTo(404);

        assertThat(client.adminPut("/admin/users/alice/permissions", null, "{\"broadcast\":true}").statusCode())
                .isEqualTo(401);
        assertThat(client.adminPut("/admin/users/alice/permissions", "wrong-key", "{\"broadcast\":true}")
                .statusCode()).isEqualTo(401);
        var bad = client.adminPut("/admin/users/alice/permissions", ADMIN_KEY, "{\"broadcast\":\"yes\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("broadcast must be true or false");
        assertThat(client.adminPut("/admin/users/alice/permissions", ADMIN_KEY, "{}").statusCode()).isEqualTo(400);

        assertThat(client.adminGet("/admin/users/alice/permissions", ADMIN_KEY).body())
                .isEqualTo("{\"userId\":\"alice\",\"broadcast\":false}");
    }
}

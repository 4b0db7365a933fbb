package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Application push and shields end to end (issue #5): {@code /app/client/app/user/push} to @user, @org (the
 * subtree), @tenant, @qun (the members) and @app reaches stored mailboxes and live sockets; refusals store nothing; shields hold.
 * Tenant t1 (app1, and app1b for @app) has the fixture's alice and bob plus orgs s1 → s1a → s1b and h1, with
 * dan in s1a, fay in s1b, erin in h1; tenant t2 (app2, same customer) has carol. Subclasses choose the database.
 */
abstract class AppPushContract extends ServerFixture {

    DirectoryCalls dir;
    String app2;
    String alice;
    String carol;
    String dan;
    String erin;
    String fay;

    @BeforeAll
    void buildDirectory() {
        dir = new DirectoryCalls(client);
        app2 = provision("c1", "t2", "app2");
        var created = client.adminPost("/admin/applications", ADMIN_KEY,
                Client.obj().put("id", "app1b").put("name", "App app1b").put("tenantId", "t1"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        ok(dir.syncOrg(appToken, "s1", "", "", "Sales", 0));
        ok(dir.syncOrg(appToken, "s1a", "s1", "", "Sales A", 0));
        ok(dir.syncOrg(appToken, "s1b", "s1a", "", "Sales B", 0));
        ok(dir.syncOrg(appToken, "h1", "", "", "HR", 1));
        ok(dir.syncUser(appToken, "dan", "dan-login", "Dan", "", "s1a"));
        ok(dir.syncUser(appToken, "fay", "fay-login", "Fay", "", "s1b"));
        ok(dir.syncUser(appToken, "erin", "erin-login", "Erin", "", "h1"));
        ok(dir.syncUser(app2, "carol", "carol-login", "Carol", "", ""));
        alice = login("alice-login", "alice-pw", "Android-a1");
        carol = login("carol-login", "pw-carol", "Android-c1");
        dan = login("dan-login", "pw-dan", "Android-d1");
        erin = login("erin-login", "pw-erin", "Android-e1");
        fay = login("fay-login", "pw-fay", "Android-f1");
    }

    static JsonNode ok(JsonNode response) {
        assertThat(ret(response)).as(response.toString()).isZero();
        return response;
    }

    JsonNode appPush(String token, String content, String... names) {
        ObjectNode body = Client.obj();
        body.putObject("baseRequest").put("token", token);
        ArrayNode to = body.putArray("toUserNames");
        for (String n : names) {
            to.add(n);
        }
        body.put("msgType", 1).put("content", content).put("statusId", "st-" + content);
        body.putObject("objectContent").put("appId", "app2").put("appSendId", "send-1");
        return client.post("/app/client/app/user/push", body);
    }

    /** mlist as key → mid, in response order. */
    static Map<String, Long> mlist(JsonNode response) {
        Map<String, Long> out = new LinkedHashMap<>();
        response.get("mlist").forEach(m -> out.put(m.get("key").asText(), m.get("mid").asLong()));
        assertThat(out).as("one entry per recipient").hasSize(response.get("mlist").size());
        return out;
    }

    /** The contents in the user's mailbox after {@code after}. */
    List<String> contents(String token, String uid, long after) {
        JsonNode page = fetch(token, uid + "@user", after, 100);
        assertThat(ret(page)).as(page.toString()).isZero();
        List<String> out = new ArrayList<>();
        if (page.has("data")) {
            page.get("data").get("msgs").forEach(m -> out.add(m.get("msg").get("content").asText()));
        }
        return out;
    }

    long lastMid(String token, String uid) {
        JsonNode page = fetch(token, uid + "@user", 0, 1000);
        long last = 0;
        if (page.has("data")) {
            for (JsonNode m : page.get("data").get("msgs")) {
                last = Math.max(last, m.get("mid").asLong());
            }
        }
        return last;
    }

    JsonNode shield(String path, String token, String sourceId, String target, int type) {
        ObjectNode body = Client.obj();
        body.putObject("baseRequest").put("token", token);
        if (sourceId != null) {
            body.put("sourceId", sourceId);
        }
        body.put("targetId", target).put("type", type).put("memo", "quiet please");
        return client.post("/app/client/device/" + path, body);
    }

    @Test
    void a_push_to_a_user_is_stored_with_the_application_as_sender_and_delivered_live() throws Exception {
        try (Socket phone = subscribe("alice_Android-a1@user", alice, "&ver=1")) {
            long before = lastMid(alice, "alice");
            JsonNode response = ok(appPush(appToken, "to-alice", "alice@user"));

            Map<String, Long> mlist = mlist(response);
            assertThat(mlist).containsOnlyKeys("alice@user");
            assertThat(mlist.get("alice@user")).isGreaterThan(before);
            String frame = phone.next(5);
            assertThat(content(frame)).isEqualTo("to-alice");
            assertThat(mid(frame)).isEqualTo(mlist.get("alice@user"));
            JsonNode msg = Client.parse(frame).get("msg");
            assertThat(msg.get("fromUserName").asText()).isEqualTo("app1@app");
            assertThat(msg.get("fromDisplayName").asText()).isEqualTo("App app1");
            assertThat(msg.get("statusId").asText()).isEqualTo("st-to-alice");
            assertThat(msg.get("msgId").asText()).isEqualTo(response.get("msgID").asText());
            assertThat(contents(alice, "alice", before)).containsExactly("to-alice");
        }
    }

    @Test
    void a_push_to_an_org_reaches_its_whole_subtree_and_nobody_else() {
        long erinBefore = lastMid(erin, "erin");
        long fayBefore = lastMid(fay, "fay");

        Map<String, Long> mlist = mlist(ok(appPush(appToken, "to-sales", "s1@org")));

        assertThat(mlist).containsOnlyKeys("dan@user", "fay@user");
        assertThat(contents(fay, "fay", fayBefore)).containsExactly("to-sales");
        assertThat(contents(dan, "dan", mlist.get("dan@user") - 1)).containsExactly("to-sales");
        assertThat(contents(erin, "erin", erinBefore)).isEmpty();
    }

    @Test
    void a_push_to_a_tenant_reaches_every_user_of_it_once_even_when_named_twice() {
        long carolBefore = lastMid(carol, "carol");

        Map<String, Long> mlist = mlist(ok(appPush(appToken, "to-all", "dan@user", "t1@tenant", "s1@org")));

        assertThat(mlist).containsOnlyKeys("alice@user", "bob@user", "dan@user", "erin@user", "fay@user");
        assertThat(mlist.keySet()).first().isEqualTo("dan@user");
        assertThat(contents(dan, "dan", mlist.get("dan@user") - 1)).containsExactly("to-all");
        assertThat(contents(carol, "carol", carolBefore)).isEmpty();
    }

    @Test
    void a_push_to_an_application_of_the_same_tenant_lands_in_its_mailbox() {
        long first = mlist(ok(appPush(appToken, "to-app-1", "app1b@app"))).get("app1b@app");
        Map<String, Long> second = mlist(ok(appPush(appToken, "to-app-2", "app1b@app")));

        assertThat(second).containsExactly(Map.entry("app1b@app", first + 1));
        assertThat(ret(appPush(app2, "cross", "app1b@app"))).as("another tenant's application is unknown").isEqualTo(65531);
    }

    @Test
    void a_push_to_a_group_reaches_its_members_as_the_application_and_only_inside_the_scope() throws Exception {
        String bob = login("bob-login", "bob-pw", "Android-b1");
        ObjectNode create = Client.obj().put("topic", "Launch");
        create.putObject("baseRequest").put("token", dan).put("deviceID", "Android-d1");
        create.putArray("memberList").addObject().put("uid", "fay");
        String qun = ok(client.post("/app/client/device/create-qun", create)).get("ChatRoomName").asText();
        long danBefore = lastMid(dan, "dan");
        long fayBefore = lastMid(fay, "fay");
        long bobBefore = lastMid(bob, "bob");

        try (Socket fayPhone = subscribe("fay_Android-f1@user", fay, "&ver=1")) {
            JsonNode response = ok(appPush(appToken, "to-launch", qun, "fay@user"));

            assertThat(mlist(response)).containsOnlyKeys("dan@user", "fay@user");
            JsonNode msg = Client.parse(fayPhone.next(5)).get("msg");
            assertThat(msg.get("content").asText()).as("the application's message, not a group-prefixed copy")
                    .isEqualTo("to-launch");
            assertThat(msg.get("fromUserName").asText()).isEqualTo("app1@app");
        }
        assertThat(contents(dan, "dan", danBefore)).containsExactly("to-launch");
        assertThat(contents(fay, "fay", fayBefore)).containsExactly("to-launch");
        assertThat(contents(bob, "bob", bobBefore)).isEmpty();

        assertThat(ret(appPush(app2, "x", qun))).as("to an application of another tenant the group is unknown")
                .isEqualTo(65531);
        assertThat(contents(dan, "dan", danBefore)).containsExactly("to-launch");
    }

    @Test
    void refusals_across_tenants_and_bad_names_store_nothing() {
        long carolBefore = lastMid(carol, "carol");
        long aliceBefore = lastMid(alice, "alice");

        // another tenant's names answer as unknown ones: 65531
        assertThat(ret(appPush(app2, "x", "carol@user", "alice@user"))).isEqualTo(65531);
        assertThat(ret(appPush(app2, "x", "carol@user", "s1@org"))).isEqualTo(65531);
        assertThat(ret(appPush(app2, "x", "carol@user", "t1@tenant"))).isEqualTo(65531);
        assertThat(ret(appPush(appToken, "x", "alice@user", "carol@user"))).isEqualTo(65531);
        JsonNode unknown = appPush(appToken, "x", "alice@user", "ghost@user");
        assertThat(ret(unknown)).isEqualTo(65531);
        assertThat(unknown.get("baseResponse").get("errMsg").asText()).contains("ghost");
        assertThat(ret(appPush(appToken, "x", "alice@user", "nowhere@org"))).isEqualTo(65531);
        assertThat(ret(appPush(appToken, "x", "alice@user", "noapp@app"))).isEqualTo(65531);
        assertThat(ret(appPush(appToken, "x", "alice@user", "nogroup@qun"))).isEqualTo(65531);
        assertThat(ret(appPush("not-a-token", "x", "alice@user"))).isEqualTo(65533);
        String[] many = new String[1001];
        for (int i = 0; i < many.length; i++) {
            many[i] = "alice@user";
        }
        assertThat(ret(appPush(appToken, "x", many))).isEqualTo(65532);

        assertThat(contents(carol, "carol", carolBefore)).isEmpty();
        assertThat(contents(alice, "alice", aliceBefore)).isEmpty();
    }

    @Test
    void a_user_who_shields_the_application_gets_nothing_from_it_until_the_shield_is_lifted() throws Exception {
        ok(shield("setShieldMsg", erin, "erin", "app1", 1));
        ok(shield("setShieldMsg", erin, null, "app1", 1)); // idempotent
        assertThat(ok(shield("isUserShieldApp", erin, "erin", "app1", 1)).get("isShield").asBoolean()).isTrue();
        assertThat(ok(shield("isUserShieldApp", erin, null, "app1b", 1)).get("isShield").asBoolean()).isFalse();
        long before = lastMid(erin, "erin");

        try (Socket socket = subscribe("erin_Android-e1@user", erin, "&ver=1")) {
            Map<String, Long> shielded = mlist(ok(appPush(appToken, "while-shielded", "h1@org", "alice@user")));
            assertThat(shielded).containsOnlyKeys("alice@user");
            assertThat(socket.drain(500)).isEmpty();
            assertThat(contents(erin, "erin", before)).isEmpty();

            ok(shield("cancelShieldMsg", erin, "erin", "app1", 1));
            assertThat(ok(shield("isUserShieldApp", erin, null, "app1", 1)).get("isShield").asBoolean()).isFalse();
            Map<String, Long> open = mlist(ok(appPush(appToken, "after-cancel", "h1@org")));
            assertThat(open).containsOnlyKeys("erin@user");
            assertThat(content(socket.next(5))).isEqualTo("after-cancel");
            assertThat(contents(erin, "erin", before)).containsExactly("after-cancel");
        }
    }

    @Test
    void shields_belong_to_the_token_user_and_only_apply_to_applications_of_the_users_tenant() {
        assertThat(ret(shield("setShieldMsg", erin, "alice", "app1", 1))).isEqualTo(65533);
        assertThat(ret(shield("isUserShieldApp", erin, "alice", "app1", 1))).isEqualTo(65533);
        assertThat(ret(shield("setShieldMsg", erin, null, "app2", 1))).isEqualTo(65531);
        assertThat(ret(shield("setShieldMsg", erin, null, "nope", 1))).isEqualTo(65531);
        assertThat(ret(shield("setShieldMsg", erin, null, "app1", 0))).isEqualTo(65534);
        assertThat(ret(shield("setShieldMsg", "bad-token", null, "app1", 1))).isEqualTo(65533);
        assertThat(ok(shield("isUserShieldApp", alice, null, "app1", 1)).get("isShield").asBoolean()).isFalse();
    }
}

package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The legacy admin push family (legacy spec §3.2, upstream gopush's {@code mprivate}), called as the legacy
 * backends call it: {@code POST /1/admin/push/private?key=…&expire=…} with the message object as the body,
 * {@code /admin/push}, {@code /1/admin/push/mprivate} with {@code {"m":"…","k":"…"}}, {@code /1/admin/msg/del} and
 * {@code /admin/msg/clean} with the form body {@code key=…}. Only on the admin listener, only with the admin key;
 * bad input answers the legacy code with {@code errMsg} naming the field and changes nothing.
 */
class OperatorPushIT extends ServerFixture {

    private static final String MESSAGE = "{\"fromUserName\":\"app1@app\",\"fromDisplayName\":\"Ops\","
            + "\"toUserName\":\"lee@user\",\"msgType\":1,\"content\":\"maintenance at 22:00\"}";

    @Override
    String databaseUrl() {
        return "";
    }

    private HttpResponse<String> admin(String pathAndQuery, String body) {
        return client.adminPostRaw(pathAndQuery, ADMIN_KEY, null, body);
    }

    private int stored(String token, String user) {
        return fetch(token, user + "@user", 0, 100).path("data").path("msgs").size();
    }

    @Test
    void private_push_delivers_the_body_as_it_is_live_and_from_the_mailbox() throws Exception {
        String lee = signedIn("lee");
        try (Socket phone = subscribe("lee_Android-lee@user", lee, "")) {
            var answer = admin("/1/admin/push/private?key=lee@user&expire=600", MESSAGE);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("{\"ret\":0}");

            String frame = phone.frames().poll(5, TimeUnit.SECONDS);
            assertThat(frame).isNotNull();
            JsonNode envelope = Client.parse(frame);
            // the old frame: msg is the body, as a string, with the live frame's activeSessions appended
            assertThat(envelope.get("msg").asText()).startsWith(MESSAGE.substring(0, MESSAGE.length() - 1));
            assertThat(envelope.get("gid").asInt()).isZero();
            long mid = envelope.get("mid").asLong();
            assertThat(mid).isPositive();

            JsonNode page = fetch(lee, "lee@user", 0, 10);
            assertThat(page.path("data").path("msgs")).hasSize(1);
            assertThat(page.path("data").path("msgs").get(0).get("msg").toString()).isEqualTo(MESSAGE);
            assertThat(page.path("data").path("msgs").get(0).get("mid").asLong()).isEqualTo(mid);
        }
        // the alias, to a session key: stored in the user's mailbox as well
        assertThat(admin("/admin/push?key=lee_Android-lee@user&expire=600", "{\"content\":\"alias\"}").body())
                .isEqualTo("{\"ret\":0}");
        assertThat(stored(lee, "lee")).isEqualTo(2);
    }

    @Test
    void multi_private_push_reaches_every_key_and_lists_the_unknown_ones() {
        String ann = signedIn("ann");
        String bob = signedIn("bo");
        var answer = admin("/1/admin/push/mprivate?expire=600",
                "{\"m\":\"{\\\"content\\\":\\\"to many\\\"}\",\"k\":\"ann@user,ghost@user,bo_Android-bo@user\"}");
        assertThat(answer.body()).isEqualTo("{\"ret\":0,\"data\":{\"fk\":[\"ghost@user\"]}}");
        assertThat(fetch(ann, "ann@user", 0, 10).path("data").path("msgs").get(0).get("msg").toString())
                .isEqualTo("{\"content\":\"to many\"}");
        assertThat(stored(bob, "bo")).isEqualTo(1);

        assertThat(admin("/1/admin/push/mprivate?expire=600", "{\"m\":\"{\\\"content\\\":\\\"all known\\\"}\","
                + "\"k\":\"ann@user\"}").body()).isEqualTo("{\"ret\":0}");
        assertThat(stored(ann, "ann")).isEqualTo(2);
    }

    @Test
    void the_routes_need_the_admin_key_and_are_not_on_the_api_listener() {
        String kit = signedIn("kit");
        var noKey = client.adminPostRaw("/1/admin/push/private?key=kit@user&expire=600", null, null, MESSAGE);
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(noKey.body()).isEqualTo(
                "{\"ret\":65533,\"errMsg\":\"admin key required: Authorization: Bearer <key>\"}");
        var wrongKey = client.adminPostRaw("/1/admin/msg/del", "not-the-key", "application/x-www-form-urlencoded",
                "key=kit@user");
        assertThat(wrongKey.statusCode()).isEqualTo(401);
        assertThat(wrongKey.body()).isEqualTo("{\"ret\":65533,\"errMsg\":\"admin key rejected\"}");
        for (String path : new String[] {"/1/admin/push/private?key=kit@user&expire=600", "/admin/push?key=kit@user"
                + "&expire=600", "/1/admin/push/mprivate?expire=600", "/1/admin/msg/del", "/admin/msg/clean"}) {
            // 404, or 405 under /1/ where the API listener answers CORS preflights: never served
            assertThat(client.postRawResponse(path, MESSAGE).statusCode()).as(path).isIn(404, 405);
        }
        assertThat(stored(kit, "kit")).isZero();
    }

    @Test
    void bad_input_answers_the_legacy_code_naming_the_field_and_changes_nothing() {
        String joe = signedIn("joe");
        String[][] cases = {
            {"/1/admin/push/private?expire=600", MESSAGE, "{\"ret\":65534,\"errMsg\":\"key is required\"}"},
            {"/1/admin/push/private?key=joe@user", MESSAGE,
                "{\"ret\":65534,\"errMsg\":\"expire is required (seconds; 0 = live only)\"}"},
            {"/1/admin/push/private?key=joe@user&expire=-1", MESSAGE,
                "{\"ret\":65534,\"errMsg\":\"expire must be between 0 and 31536000 seconds\"}"},
            {"/1/admin/push/private?key=joe@user&expire=soon", MESSAGE,
                "{\"ret\":65534,\"errMsg\":\"expire must be an integer number of seconds\"}"},
            {"/1/admin/push/private?key=joe@qun&expire=600", MESSAGE,
                "{\"ret\":65534,\"errMsg\":\"key must be {uid}@user, {uid}_{device}@user or {appId}@app, not "
                        + "\\\"joe@qun\\\"\"}"},
            {"/1/admin/push/private?key=joe@user&expire=600", "[1,2]",
                "{\"ret\":65534,\"errMsg\":\"request body must be a JSON object\"}"},
            {"/1/admin/push/private?key=ghost@user&expire=600", MESSAGE,
                "{\"ret\":65531,\"errMsg\":\"key: user ghost does not exist\"}"},
            {"/1/admin/push/mprivate?expire=600", "{\"m\":\"{}\"}", "{\"ret\":65534,\"errMsg\":\"k is required\"}"},
            {"/1/admin/push/mprivate?expire=600", "{\"m\":\"[]\",\"k\":\"joe@user\"}",
                "{\"ret\":65534,\"errMsg\":\"m must hold a JSON object\"}"},
            {"/1/admin/push/mprivate?expire=600", "{\"m\":\"{}\",\"k\":\"joe@user,,x@user\"}",
                "{\"ret\":65534,\"errMsg\":\"k[1] must be {uid}@user, {uid}_{device}@user or {appId}@app, not "
                        + "\\\"\\\"\"}"},
            {"/1/admin/msg/del", "", "{\"ret\":65534,\"errMsg\":\"key is required (form body key={uid}@user or "
                    + "key={appId}@app)\"}"},
            {"/admin/msg/clean", "key=joe@org", "{\"ret\":65534,\"errMsg\":\"key must be {uid}@user, "
                    + "{uid}_{device}@user or {appId}@app, not \\\"joe@org\\\"\"}"},
        };
        assertThat(admin("/1/admin/push/private?key=joe@user&expire=600", MESSAGE).body()).isEqualTo("{\"ret\":0}");
        for (String[] c : cases) {
            var answer = admin(c[0], c[1]);
            assertThat(answer.statusCode()).as(c[0] + " " + c[1]).isEqualTo(200);
            assertThat(answer.body()).as(c[0] + " " + c[1]).isEqualTo(c[2]);
        }
        assertThat(stored(joe, "joe")).isEqualTo(1);
    }

    @Test
    void deleting_empties_the_mailbox_and_its_mids_go_on_above_the_old_ones() {
        String max = signedIn("max");
        String pia = signedIn("pia");
        for (int i = 0; i < 3; i++) {
            assertThat(ret(push(pia, "Android-pia", "pia@user", "max@user", "before-" + i))).isZero();
        }
        var deleted = client.adminPostRaw("/1/admin/msg/del", ADMIN_KEY, "application/x-www-form-urlencoded",
                "key=max%40user");
        assertThat(deleted.body()).isEqualTo("{\"ret\":0}");
        assertThat(fetch(max, "max@user", 0, 10).toString()).isEqualTo("{\"ret\":0}");
        assertThat(stored(pia, "pia")).isEqualTo(3); // the sender's copies are the sender's

        assertThat(ret(push(pia, "Android-pia", "pia@user", "max@user", "after"))).isZero();
        JsonNode after = fetch(max, "max@user", 0, 10).path("data").path("msgs");
        assertThat(after).hasSize(1);
        assertThat(after.get(0).get("mid").asLong()).isEqualTo(4);

        // the old alias, with a body sent without a content type, as the legacy tools did
        assertThat(client.adminPostRaw("/admin/msg/clean", ADMIN_KEY, null, "key=max@user").body())
                .isEqualTo("{\"ret\":0}");
        assertThat(stored(max, "max")).isZero();
        // a session key has no mailbox of its own: nothing to delete, and the user's mailbox stays
        assertThat(ret(push(pia, "Android-pia", "pia@user", "max@user", "kept"))).isZero();
        assertThat(admin("/1/admin/msg/del", "key=max_Android-max@user").body()).isEqualTo("{\"ret\":0}");
        assertThat(stored(max, "max")).isEqualTo(1);
    }
}

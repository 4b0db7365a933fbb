package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The retention job on the embedded server, with a one-second interval: expired rows really go. */
class RetentionIT extends ServerFixture {

    private static final Pattern REMOVED = Pattern.compile("(?m)^appmsg_retention_removed_total (\\d+)");

    @Override
    String databaseUrl() {
        return "";
    }

    @Override
    void moreSettings(Map<String, String> env) {
        env.put("APPMSG_RETENTION_INTERVAL", "1");
    }

    @Test
    void the_retention_job_deletes_expired_messages_and_leaves_the_others() throws Exception {
        String alice = login("alice-login", "alice-pw", "Android-a1");
        String bob = login("bob-login", "bob-pw", "iOS-b1");
        assertThat(ret(push(alice, "alice@user", "bob@user", "short", 1))).isZero();
        assertThat(ret(push(alice, "alice@user", "bob@user", "long", 3600))).isZero();

        long deadline = System.nanoTime() + 15_000_000_000L;
        // 2 entries (bob's, alice's) + 1 message + the delivery status record of bob's copy
        while (removed() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(removed()).isEqualTo(4);
        var msgs = fetch(bob, "bob@user", 0, 100).get("data").get("msgs");
        assertThat(msgs).hasSize(1);
        assertThat(msgs.get(0).get("msg").get("content").asText()).isEqualTo("long");
    }

    private long removed() {
        Matcher m = REMOVED.matcher(client.adminGet("/metrics").body());
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private com.fasterxml.jackson.databind.JsonNode push(String token, String from, String to, String content,
            long expire) {
        var body = Client.obj();
        body.putObject("baseRequest").put("uid", "").put("deviceID", "Android-a1").put("deviceType", "Android")
                .put("token", token);
        body.putObject("msg").put("fromUserName", from).put("toUserName", to).put("content", content)
                .put("msgType", 1).put("expire", expire);
        return client.post("/app/client/device/push", body);
    }
}

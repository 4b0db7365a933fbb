package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A node set for clients that move from the legacy server ({@code APPMSG_MAILBOX_FIRST_MID=clock}), met by a client
 * that behaves as the legacy JavaScript client does: it keeps one cursor, a legacy mid (microseconds), fetches
 * {@code /1/msg/get?m=<cursor>} when its socket opens, and drops every frame whose mid is not above the cursor.
 */
class LegacyCursorIT extends ServerFixture {

    @Override
    String databaseUrl() {
        return "";
    }

    @Override
    void moreSettings(Map<String, String> env) {
        env.put("APPMSG_MAILBOX_FIRST_MID", "clock");
    }

    /** The legacy JavaScript client's cursor rule (msg-js.js): a private frame counts only above the cursor. */
    private static final class LegacyClient {
        long cursor;
        final List<String> shown = new ArrayList<>();

        LegacyClient(long cursor) {
            this.cursor = cursor;
        }

        void take(long mid, String content) {
            if (mid > cursor) {
                cursor = mid;
                shown.add(content);
            }
        }
    }

    private JsonNode send(String token, String from, String to, String content) {
        return push(token, "Android-" + from, from + "@user", to + "@user", content);
    }

    private JsonNode send(String token, String from, String to, String content, int expire) {
        var body = Client.obj();
        body.putObject("baseRequest").put("uid", "").put("deviceID", "Android-" + from).put("deviceType", "Android")
                .put("token", token);
        body.putObject("msg").put("fromUserName", from + "@user").put("toUserName", to + "@user")
                .put("content", content).put("msgType", 1).put("clientMsgId", content).put("expire", expire);
        return client.post("/app/client/device/push", body);
    }

    @Test
    void a_live_only_push_comes_with_mid_0_which_a_legacy_client_drops_and_a_short_lived_one_gets_through()
            throws Exception {
        String kim = signedIn("kit");
        String lee = signedIn("lou");
        LegacyClient browser = new LegacyClient(ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()));
        try (Socket socket = subscribe("lou_Netscape-5-2@user", lee, "")) {
            assertThat(ret(send(kim, "kit", "lou", "typing", 0))).isZero();
            String liveOnly = socket.frames().poll(10, TimeUnit.SECONDS);
            assertThat(liveOnly).as("the live-only frame").isNotNull();
            assertThat(mid(liveOnly)).isZero();
            browser.take(mid(liveOnly), content(liveOnly));

            assertThat(ret(send(kim, "kit", "lou", "short-lived", 60))).isZero();
            String stored = socket.frames().poll(10, TimeUnit.SECONDS);
            assertThat(stored).as("the short-lived frame").isNotNull();
            browser.take(mid(stored), content(stored));
        }
        assertThat(browser.shown).containsExactly("short-lived");
        assertThat(fetch(lee, "lou@user", 0, 100).path("data").path("msgs")).extracting(m -> m.get("msg")
                .get("content").asText()).containsExactly("short-lived");
    }

    @Test
    void a_client_with_a_legacy_microsecond_cursor_from_before_the_move_gets_new_messages_live_and_offline()
            throws Exception {
        String kim = signedIn("kim");
        String lee = signedIn("lee");
        long legacyCursor = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()) - 2_000_000; // 2 s before the move
        LegacyClient browser = new LegacyClient(legacyCursor);

        JsonNode away = send(kim, "kim", "lee", "while away");
        assertThat(ret(away)).as(away.toString()).isZero();
        try (Socket socket = subscribe("lee_Netscape-5-1@user", lee, "")) { // no ver, no mid: as msg-js.js opens it
            JsonNode offline = fetch(lee, "lee@user", browser.cursor, 100);
            for (JsonNode m : offline.path("data").path("msgs")) {
                browser.take(m.get("mid").asLong(), m.get("msg").get("content").asText());
            }
            assertThat(browser.shown).containsExactly("while away");

            assertThat(ret(send(kim, "kim", "lee", "live"))).isZero();
            String frame = socket.frames().poll(10, TimeUnit.SECONDS);
            assertThat(frame).as("a live frame").isNotNull();
            assertThat(Client.parse(frame).get("msg").isTextual()).as("the legacy frame format").isTrue();
            browser.take(mid(frame), content(frame));
        }
        assertThat(browser.shown).containsExactly("while away", "live");
        assertThat(browser.cursor).isGreaterThan(legacyCursor).isLessThanOrEqualTo(9_007_199_254_740_991L);

        // another device of lee's, with the same old cursor, finds both offline, in order, one mid apart
        JsonNode page = fetch(lee, "lee@user", legacyCursor, 100);
        List<Long> mids = new ArrayList<>();
        List<String> contents = new ArrayList<>();
        page.path("data").path("msgs").forEach(m -> {
            mids.add(m.get("mid").asLong());
            contents.add(m.get("msg").get("content").asText());
        });
        assertThat(contents).containsExactly("while away", "live");
        assertThat(mids.get(1)).isEqualTo(mids.get(0) + 1);
        // and a cursor it saw still means "after this one"
        assertThat(fetch(lee, "lee@user", mids.get(0), 100).path("data").path("msgs")).hasSize(1);
    }
}

package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sessions end to end (R1, R2): one user on three devices in different states, targeting by
 * {@code sessions}, state changes by the user and by the application, listings, and removal on disconnect.
 */
class SessionsIT extends ServerFixture {

    @Override
    String databaseUrl() {
        return "";
    }

    private JsonNode setState(String route, String token, String sessionId, String state) {
        var body = Client.obj();
        body.putObject("baseRequest").put("token", token);
        body.put("sessionId", sessionId).put("state", state);
        return client.post(route, body);
    }

    private JsonNode sessionsOf(String uid) {
        var body = Client.obj();
        body.putObject("baseRequest").put("token", appToken).put("uid", uid);
        return client.post("/app/client/app/getSessions", body);
    }

    private JsonNode pushTo(String token, String content, String... sessions) {
        var body = Client.obj();
        body.putObject("baseRequest").put("deviceID", "Android-h1").put("token", token);
        if (sessions.length > 0 && sessions[0] != null) {
            var list = body.putArray("sessions");
            for (String s : sessions) {
                list.add(s);
            }
        } else if (sessions.length == 0) {
            body.putArray("sessions");
        }
        body.putObject("msg").put("fromUserName", "hana@user").put("toUserName", "ivan@user").put("content", content)
                .put("msgType", 1);
        return client.post("/app/client/device/push", body);
    }

    private static List<String> contents(Socket socket) throws InterruptedException {
        List<String> out = new ArrayList<>();
        for (String frame : socket.drain(400)) {
            out.add(content(frame));
        }
        return out;
    }

    @Test
    void pushes_reach_the_sessions_their_selector_picks_and_states_are_the_owners_business() throws Exception {
        syncUser("hana", "hana-login", "Hana", "hana-pw");
        syncUser("ivan", "ivan-login", "Ivan", "ivan-pw");
        String hana = login("hana-login", "hana-pw", "Android-h1");
        String ivan = login("ivan-login", "ivan-pw", "iOS-1");
        try (Socket phone = subscribe("ivan_iOS-1@user", ivan, "&ver=1");
                Socket tablet = subscribe("ivan_Android-2@user", ivan, "&ver=1");
                Socket tab = subscribe("ivan_Mozilla-5-3@user", ivan, "&ver=1")) {
            assertThat(sessionsOf("ivan").get("memberCount").asInt()).isEqualTo(3);
            assertThat(ret(setState("/app/client/device/setSessionState", ivan, "ivan_iOS-1", "active"))).isZero();
            assertThat(ret(setState("/app/client/app/setSessionState", appToken, "ivan_Android-2", "inactive"))).isZero();

            assertThat(ret(setState("/app/client/device/setSessionState", hana, "ivan_iOS-1", "inactive")))
                    .as("hana may not change ivan's session").isEqualTo(65533);
            assertThat(ret(setState("/app/client/device/setSessionState", ivan, "ivan_Gone-9", "active")))
                    .as("a session that is not live").isEqualTo(65531);

            pushTo(hana, "to all", (String) null);
            pushTo(hana, "to active", "active");
            pushTo(hana, "to inactive", "inactive");
            pushTo(hana, "to two by id", "ivan_Mozilla-5-3", "ivan_iOS-1", "hana_Android-h1");
            pushTo(hana, "stored only");

            assertThat(contents(phone)).containsExactly("to all", "to active", "to two by id");
            assertThat(contents(tablet)).containsExactly("to all", "to inactive");
            assertThat(contents(tab)).containsExactly("to all", "to two by id");
            JsonNode mailbox = fetch(ivan, "ivan@user", 0, 100);
            assertThat(mailbox.get("data").get("msgs").size()).as("every message is in the mailbox").isEqualTo(5);

            JsonNode listed = sessionsOf("ivan").get("memberList");
            List<String> states = new ArrayList<>();
            listed.forEach(s -> states.add(s.get("id").asText() + "=" + s.get("sate").asText()));
            assertThat(states).containsExactlyInAnyOrder("ivan_iOS-1=active", "ivan_Android-2=inactive",
                    "ivan_Mozilla-5-3=init");
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (sessionsOf("ivan").get("memberCount").asInt() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(sessionsOf("ivan").get("memberCount").asInt()).as("sessions end with their connections").isZero();
    }

    @Test
    void live_frames_carry_the_recipients_active_sessions() throws Exception {
        syncUser("jack", "jack-login", "Jack", "jack-pw");
        syncUser("kate", "kate-login", "Kate", "kate-pw");
        String jack = login("jack-login", "jack-pw", "Android-j1");
        String kate = login("kate-login", "kate-pw", "iOS-k1");
        try (Socket phone = subscribe("kate_iOS-k1@user", kate, "&ver=1")) {
            setState("/app/client/device/setSessionState", kate, "kate_iOS-k1", "active");
            push(jack, "Android-j1", "jack@user", "kate@user", "hello");
            JsonNode msg = Client.parse(phone.next(5)).get("msg");
            assertThat(msg.get("activeSessions").get(0).asText()).isEqualTo("kate_iOS-k1");
        }
    }

    @Test
    void a_reconnect_of_the_same_session_keeps_it_live_with_its_state() throws Exception {
        syncUser("nina", "nina-login", "Nina", "nina-pw");
        String nina = login("nina-login", "nina-pw", "iOS-n1");
        Socket old = subscribe("nina_iOS-n1@user", nina, "&ver=1");
        assertThat(ret(setState("/app/client/device/setSessionState", nina, "nina_iOS-n1", "active"))).isZero();
        try (Socket fresh = subscribe("nina_iOS-n1@user", nina, "&ver=1")) {
            old.close();
            Thread.sleep(300);
            JsonNode listed = sessionsOf("nina");
            assertThat(listed.get("memberCount").asInt()).isEqualTo(1);
            assertThat(listed.get("memberList").get(0).get("sate").asText()).isEqualTo("active");
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (sessionsOf("nina").get("memberCount").asInt() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(sessionsOf("nina").get("memberCount").asInt()).isZero();
    }
}

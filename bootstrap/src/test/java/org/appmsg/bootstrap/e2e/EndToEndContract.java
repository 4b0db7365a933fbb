package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The first vertical slice end to end, against the real server on free ports, over HTTP and a real
 * WebSocket only: provision, sync users, log in, push, receive live, resume with mid, fetch offline.
 */
abstract class EndToEndContract extends ServerFixture {

    @Test
    void a_pushed_message_is_stored_and_reaches_the_recipient_and_the_senders_other_devices_live() throws Exception {
        String alice = login("alice-login", "alice-pw", "Android-a1");
        String bob = login("bob-login", "bob-pw", "iOS-b1");
        try (Socket bobPhone = subscribe("bob_iOS-b1@user", bob, "&ver=1");
                Socket aliceWeb = subscribe("alice_Mozilla-5-1@user", alice, "");
                Socket alicePhone = subscribe("alice_Android-a1@user", alice, "&ver=1")) {

            JsonNode r = push(alice, "Android-a1", "alice@user", "bob@user", "hello bob");

            assertThat(ret(r)).as(r.toString()).isZero();
            assertThat(r.get("msgID").asText()).isNotEqualTo("msgid").isNotEmpty();
            assertThat(r.get("clientMsgId").asText()).isEqualTo("hello bob");
            String frame = bobPhone.next(5);
            assertThat(content(frame)).isEqualTo("hello bob");
            assertThat(Client.parse(frame).get("msg").get("fromUserName").asText()).isEqualTo("alice@user");
            String legacy = aliceWeb.next(5);
            assertThat(Client.parse(legacy).get("msg").isTextual()).as("no ver: msg is a JSON string").isTrue();
            assertThat(mid(legacy)).isEqualTo(r.get("mid").asLong());
            assertThat(alicePhone.drain(300)).as("the sending device gets no copy").isEmpty();
        }
    }

    @Test
    void a_push_retried_with_the_same_client_msg_id_gets_the_first_answer_and_is_received_and_stored_once()
            throws Exception {
        syncUser("ivy", "ivy-login", "Ivy", "ivy-pw");
        syncUser("jude", "jude-login", "Jude", "jude-pw");
        String ivy = login("ivy-login", "ivy-pw", "Android-i1");
        String jude = login("jude-login", "jude-pw", "Android-j1");
        JsonNode first;
        try (Socket judePhone = subscribe("jude_Android-j1@user", jude, "&ver=1")) {
            first = push(ivy, "Android-i1", "ivy@user", "jude@user", "only once");
            JsonNode retry = push(ivy, "Android-i1", "ivy@user", "jude@user", "only once");

            assertThat(ret(retry)).as(retry.toString()).isZero();
            assertThat(retry.get("msgID").asText()).isEqualTo(first.get("msgID").asText());
            assertThat(retry.get("mid").asLong()).isEqualTo(first.get("mid").asLong());
            assertThat(content(judePhone.next(5))).isEqualTo("only once");
            assertThat(judePhone.drain(500)).as("the retry is not delivered again").isEmpty();
        }
        JsonNode box = fetch(jude, "jude_Android-j1@user", 0, 10);
        String firstId = first.get("msgID").asText();
        assertThat(box.get("data").get("msgs")).as(box.toString()).singleElement()
                .satisfies(m -> assertThat(m.get("msg").get("msgId").asText()).isEqualTo(firstId));
    }

    @Test
    void a_client_that_reconnects_with_its_last_mid_gets_exactly_what_it_missed_then_live_messages() throws Exception {
        syncUser("carol", "carol-login", "Carol", "carol-pw");
        syncUser("dave", "dave-login", "Dave", "dave-pw");
        String carol = login("carol-login", "carol-pw", "Android-c1");
        String dave = login("dave-login", "dave-pw", "Android-d1");
        long last;
        try (Socket s = subscribe("dave_Android-d1@user", dave, "&ver=1")) {
            push(carol, "Android-c1", "carol@user", "dave@user", "first");
            last = mid(s.next(5));
        }
        for (String text : List.of("missed 1", "missed 2", "missed 3")) {
            assertThat(ret(push(carol, "Android-c1", "carol@user", "dave@user", text))).isZero();
        }
        try (Socket s = subscribe("dave_Android-d1@user", dave, "&ver=1&mid=" + last)) {
            List<String> replayed = List.of(s.next(5), s.next(5), s.next(5));
            assertThat(replayed).extracting(ServerFixture::content).containsExactly("missed 1", "missed 2", "missed 3");
            assertThat(replayed).extracting(ServerFixture::mid).containsExactly(last + 1, last + 2, last + 3);
            push(carol, "Android-c1", "carol@user", "dave@user", "live");
            assertThat(content(s.next(5))).isEqualTo("live");
            assertThat(s.drain(300)).as("nothing twice").isEmpty();
        }
    }

    @Test
    void offline_messages_are_fetched_in_pages_in_mid_order_and_only_by_their_owner() {
        syncUser("erin", "erin-login", "Erin", "erin-pw");
        syncUser("frank", "frank-login", "Frank", "frank-pw");
        String erin = login("erin-login", "erin-pw", "Android-e1");
        String frank = login("frank-login", "frank-pw", "Android-f1");
        for (int i = 1; i <= 5; i++) {
            push(erin, "Android-e1", "erin@user", "frank@user", "offline " + i);
        }

        JsonNode first = fetch(frank, "frank@user", 0, 2);
        long cursor = first.get("data").get("msgs").get(1).get("mid").asLong();
        JsonNode rest = fetch(frank, "frank_Android-f1@user", cursor, 100);

        assertThat(first.get("data").get("more").asBoolean()).isTrue();
        List<String> texts = new ArrayList<>();
        first.get("data").get("msgs").forEach(m -> texts.add(m.get("msg").get("content").asText()));
        rest.get("data").get("msgs").forEach(m -> texts.add(m.get("msg").get("content").asText()));
        assertThat(texts).containsExactly("offline 1", "offline 2", "offline 3", "offline 4", "offline 5");
        assertThat(rest.get("data").get("more").asBoolean()).isFalse();
        assertThat(ret(fetch(erin, "frank@user", 0, 10))).as("erin reads frank's mailbox").isEqualTo(65533);
        assertThat(client.get("/1/msg/get?k=frank@user&m=0&token=" + frank + "&cb=cb1").body()).startsWith("cb1(");
    }

    @Test
    void a_reader_paging_during_concurrent_pushes_sees_every_message_exactly_once_in_order() throws Exception {
        syncUser("gina", "gina-login", "Gina", "gina-pw");
        String gina = login("gina-login", "gina-pw", "Android-g1");
        int writers = 4;
        int perWriter = 50;
        List<String> senders = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            syncUser("w" + w, "w" + w + "-login", "Writer " + w, "pw");
            senders.add(login("w" + w + "-login", "pw", "Android-w" + w));
        }
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int id = w;
            done.add(pool.submit(() -> {
                for (int i = 0; i < perWriter; i++) {
                    assertThat(ret(push(senders.get(id), "Android-w" + id, "w" + id + "@user", "gina@user", id + ":" + i))).isZero();
                }
            }));
        }
        List<Long> mids = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        long cursor = 0;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (seen.size() < writers * perWriter && System.nanoTime() < deadline
                && !(done.stream().allMatch(Future::isDone) && seen.size() >= writers * perWriter)) {
            if (done.stream().anyMatch(f -> f.isDone() && failed(f))) {
                break; // a writer failed: its assertion below says why
            }
            JsonNode page = fetch(gina, "gina@user", cursor, 7);
            if (page.has("data")) {
                for (JsonNode m : page.get("data").get("msgs")) {
                    mids.add(m.get("mid").asLong());
                    seen.add(m.get("msg").get("content").asText());
                    cursor = m.get("mid").asLong();
                }
            }
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertThat(mids).isSorted().doesNotHaveDuplicates();
        assertThat(seen).doesNotHaveDuplicates().hasSize(writers * perWriter);
        for (int w = 0; w < writers; w++) {
            String prefix = w + ":";
            assertThat(seen.stream().filter(s -> s.startsWith(prefix)).toList()).as("writer order kept")
                    .isEqualTo(java.util.stream.IntStream.range(0, perWriter).mapToObj(i -> prefix + i).toList());
        }
    }

    private static boolean failed(Future<?> f) {
        try {
            f.get();
            return false;
        } catch (Exception e) {
            return true;
        }
    }

    @Test
    void subscriptions_need_a_valid_token_of_the_keys_own_user() throws Exception {
        String alice = login("alice-login", "alice-pw", "Android-a2");
        try (Socket wrongUser = Socket.open(server.wsPort(), "key=bob@user&heartbeat=30&token=" + alice);
                Socket badToken = Socket.open(server.wsPort(), "key=alice@user&heartbeat=30&token=nope");
                Socket badParams = Socket.open(server.wsPort(), "key=alice@user&heartbeat=5&token=" + alice)) {
            assertThat(wrongUser.next(5)).isEqualTo("-a\r\n");
            assertThat(badToken.next(5)).isEqualTo("-a\r\n");
            assertThat(badParams.next(5)).isEqualTo("-p\r\n");
        }
    }

    @Test
    void a_live_only_push_reaches_live_sockets_with_mid_0_but_is_neither_fetched_nor_replayed() throws Exception {
        syncUser("gina", "gina-login", "Gina", "gina-pw");
        syncUser("hank", "hank-login", "Hank", "hank-pw");
        String gina = login("gina-login", "gina-pw", "Android-g1");
        String hank = login("hank-login", "hank-pw", "Android-h1");
        long stored;
        try (Socket hankPhone = subscribe("hank_Android-h1@user", hank, "&ver=1");
                Socket ginaWeb = subscribe("gina_Mozilla-5-1@user", gina, "&ver=1")) {
            JsonNode r = pushWithExpire(gina, "gina@user", "hank@user", "typing…", 0);
            assertThat(ret(r)).as(r.toString()).isZero();
            assertThat(r.get("mid").asLong()).as("nothing stored, no mid").isZero();
            String frame = hankPhone.next(5);
            assertThat(content(frame)).isEqualTo("typing…");
            assertThat(mid(frame)).isZero();
            assertThat(Client.parse(frame).get("msg").get("expire").asLong()).isZero();
            assertThat(content(ginaWeb.next(5))).as("the sender's other device").isEqualTo("typing…");

            assertThat(ret(pushWithExpire(gina, "gina@user", "hank@user", "kept", 3600))).isZero();
            String kept = hankPhone.next(5);
            stored = mid(kept);
            assertThat(stored).isPositive();
            assertThat(Client.parse(kept).get("msg").get("expire").asLong()).isEqualTo(3600);
        }

        JsonNode fetched = fetch(hank, "hank@user", 0, 100);
        List<String> texts = new ArrayList<>();
        fetched.get("data").get("msgs").forEach(m -> texts.add(m.get("msg").get("content").asText()));
        assertThat(texts).containsExactly("kept");
        try (Socket resumed = subscribe("hank_Android-h1@user", hank, "&ver=1&mid=0")) {
            String replayed = resumed.next(5);
            assertThat(content(replayed)).isEqualTo("kept");
            assertThat(mid(replayed)).isEqualTo(stored);
            assertThat(resumed.drain(300)).as("the live-only message is not replayed").isEmpty();
        }
    }

    JsonNode pushWithExpire(String token, String from, String to, String content, long expire) {
        var body = Client.obj();
        body.putObject("baseRequest").put("uid", "").put("deviceID", "Android-x").put("deviceType", "Android").put("token", token);
        body.putObject("msg").put("fromUserName", from).put("toUserName", to).put("content", content).put("msgType", 1)
                .put("expire", expire);
        return client.post("/app/client/device/push", body);
    }

    @Test
    void the_admin_api_refuses_a_missing_or_wrong_key_and_health_answers() {
        assertThat(client.adminPost("/admin/customers", null, Client.obj().put("name", "x")).statusCode()).isEqualTo(401);
        assertThat(client.adminPost("/admin/customers", "wrong", Client.obj().put("name", "x")).statusCode()).isEqualTo(401);
        assertThat(client.adminGet("/health").statusCode()).isEqualTo(200);
        assertThat(client.adminGet("/ready").statusCode()).isEqualTo(200);
        assertThat(client.adminGet("/metrics").body()).contains("appmsg_ws_connections")
                .contains("appmsg_retention_removed_total");
    }
}

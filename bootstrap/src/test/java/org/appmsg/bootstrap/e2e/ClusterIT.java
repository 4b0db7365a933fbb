package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.appmsg.adapter.persistence.redis.RedisTestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three nodes, each a separate JVM started from the packaged jar, on one fresh MariaDB database and the shared
 * Redis (a key prefix of their own): what a client sees when its peers, its sockets and its HTTP calls are on
 * different nodes. Without MariaDB or Redis the class is skipped with the reason; under {@code CI=true} it fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final String ADMIN_KEY = "cluster-admin-key-0123456789";
    /** Short leases so that a killed node is gone from every view within seconds. */
    private static final int LEASE_TTL_SECONDS = 3;

    private final List<ServerProcess> nodes = new ArrayList<>();
    private final List<Map<String, Integer>> ports = new ArrayList<>();
    private final List<Client> clients = new ArrayList<>();
    private String databaseUrl;
    private String appToken;

    @BeforeAll
    void startThreeNodes() throws Exception {
        String redisUrl = RedisTestServers.shared().toString(); // skipped without Redis, failed under CI=true
        databaseUrl = MariaDb.freshDatabase();
        String prefix = "appmsg-it-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        for (int id = 1; id <= 3; id++) {
            ClusterNode node = ClusterNode.of(id, databaseUrl, redisUrl, prefix, ADMIN_KEY, LEASE_TTL_SECONDS);
            Map<String, Integer> p = node.ports();
            Map<String, String> env = new HashMap<>(node.settings());
            env.put("APPMSG_TRUSTED_PROXIES", "127.0.0.1"); // the throttle test's attacker names his address
            env.put("APPMSG_LOGIN_LOCK", "3"); // long enough that a slow machine still sees the lock on every node
            nodes.add(ServerProcess.start(env));
            ports.add(p);
            clients.add(new Client(p.get("http"), p.get("admin")));
        }
        appToken = provision();
        syncUser("alice", "Alice");
        syncUser("bob", "Bob");
        syncUser("carl", "Carl");
    }

    @AfterAll
    void stopNodes() throws InterruptedException {
        for (ServerProcess node : nodes) {
            try {
                node.stop(); // SIGTERM: a node says goodbye and deletes its presence from the shared Redis
            } catch (AssertionError | IllegalStateException e) {
                node.destroy();
            }
        }
        if (databaseUrl != null) {
            MariaDb.drop(databaseUrl);
        }
    }

    @Test
    @Order(1)
    void a_push_accepted_on_one_node_reaches_the_receivers_sockets_on_the_others_once_and_in_mid_order() throws Exception {
        String alice = login(0, "alice", "Android-a1");
        String bob = login(0, "bob", "Android-b1");
        try (Socket ws = subscribe(1, "bob_Android-b1@user", bob);
                TcpFeed tcp = TcpFeed.open(ports.get(2).get("tcp"), "bob@user", "30", bob, "1")) {
            assertThat(tcp.next(5)).isEqualTo("+h\r\n");
            awaitRouting();
            List<Long> mids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                JsonNode r = push(0, alice, "Android-a1", "alice@user", "bob@user", "m" + i);
                assertThat(ret(r)).as(r.toString()).isZero();
            }
            List<String> viaWs = frames(ws, 20);
            List<String> viaTcp = frames(tcp, 20);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                expected.add("m" + i);
            }
            assertThat(viaWs.stream().map(ClusterIT::content).toList()).isEqualTo(expected);
            assertThat(viaTcp.stream().map(ClusterIT::content).toList()).isEqualTo(expected);
            for (String f : viaWs) {
                mids.add(mid(f));
            }
            assertThat(mids).isSorted().doesNotHaveDuplicates();
            assertThat(viaTcp.stream().map(ClusterIT::mid).toList()).isEqualTo(mids);
            assertThat(ws.drain(500)).as("nothing twice").isEmpty();
            assertThat(tcp.drain(200)).as("nothing twice").isEmpty();
        }
    }

    @Test
    @Order(2)
    void an_application_push_on_one_node_reaches_sockets_on_the_others() throws Exception {
        String carl = login(0, "carl", "Android-c1");
        try (Socket ws = subscribe(1, "carl_Android-c1@user", carl);
                TcpFeed tcp = TcpFeed.open(ports.get(2).get("tcp"), "carl@user", "30", carl, "1")) {
            assertThat(tcp.next(5)).isEqualTo("+h\r\n");
            awaitRouting();
            var body = Client.obj();
            body.putObject("baseRequest").put("token", appToken);
            body.putArray("toUserNames").add("carl@user");
            body.put("msgType", 1).put("content", "from the app").put("statusId", "st-1");
            JsonNode r = clients.get(0).post("/app/client/app/user/push", body);
            assertThat(ret(r)).as(r.toString()).isZero();
            assertThat(content(ws.next(5))).isEqualTo("from the app");
            assertThat(content(tcp.next(5))).isEqualTo("from the app");
            assertThat(ws.drain(300)).isEmpty();
        }
    }

    @Test
    @Order(3)
    void a_user_and_an_org_changed_through_one_node_show_on_the_others_within_a_second() throws Exception {
        syncUser("dora", "Dora", "1");
        String alice = login(1, "alice", "Android-ad");
        String dora = login(2, "dora", "Android-dd");
        DirectoryCalls node2 = new DirectoryCalls(clients.get(1));
        DirectoryCalls node3 = new DirectoryCalls(clients.get(2));
        // read through every cache once: node 2 now holds dora's row and tenant t1's org tree (kept 10 s and 5 s)
        assertThat(member(node2, alice, "dora")).isEqualTo("Dora 1");
        assertThat(member(node3, dora, "dora")).isEqualTo("Dora 1");
        assertThat(node2.orgInfo(alice).toString()).doesNotContain("east");

        syncUser("dora", "Dora Renamed", "0"); // through node 1
        JsonNode org = new DirectoryCalls(clients.get(0)).syncOrg(appToken, "east", "", "", "East", 1);
        assertThat(ret(org)).as(org.toString()).isZero();
        long changed = System.nanoTime();

        awaitWithin(changed, 1_000, "node 2 shows dora's new profile", () -> member(node2, alice, "dora")
                .equals("Dora Renamed 0"));
        awaitWithin(changed, 1_000, "node 3 shows dora her own new profile", () -> member(node3, dora, "dora")
                .equals("Dora Renamed 0"));
        awaitWithin(changed, 1_000, "node 2's org tree has the new org", () -> node2.orgInfo(alice).toString()
                .contains("\"east\""));
    }

    /** The member's nickname and status as {@code getMember} on that node answers them. */
    private static String member(DirectoryCalls node, String token, String uid) {
        JsonNode r = node.member(token, uid);
        assertThat(ret(r)).as(r.toString()).isZero();
        return r.get("member").get("nickName").asText() + " " + r.get("member").get("status").asText();
    }

    /** Polls {@code condition} until it holds; fails unless it did within {@code millis} of {@code since}. */
    private static void awaitWithin(long since, long millis, String what, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = since + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            long asked = System.nanoTime();
            if (asked > deadline) {
                throw new AssertionError(what + ": not within " + millis + " ms of the change");
            }
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(20);
        }
    }

    @Test
    @Order(4)
    void a_group_message_reaches_members_on_every_node_once() throws Exception {
        String alice = login(0, "alice", "Android-ag");
        String bob = login(1, "bob", "Android-bg");
        String carl = login(2, "carl", "Android-cg");
        try (Socket aliceWs = subscribe(0, "alice_Android-ag@user", alice);
                Socket bobWs = subscribe(1, "bob_Android-bg@user", bob);
                TcpFeed carlTcp = TcpFeed.open(ports.get(2).get("tcp"), "carl@user", "30", carl, "1")) {
            assertThat(carlTcp.next(5)).isEqualTo("+h\r\n");
            awaitRouting();
            var create = Client.obj();
            create.putObject("baseRequest").put("uid", "").put("deviceType", "Android").put("token", alice);
            create.put("topic", "Across").put("memberCount", 2);
            var list = create.putArray("memberList");
            list.addObject().put("uid", "bob").put("nickName", "ignored");
            list.addObject().put("uid", "carl").put("nickName", "ignored");
            JsonNode created = clients.get(2).post("/app/client/device/create-qun", create);
            assertThat(ret(created)).as(created.toString()).isZero();
            String qun = created.get("ChatRoomName").asText();

            JsonNode pushed = push(0, bob, "Android-bg", "bob@user", qun, "hello team"); // bob's socket is on node 2
            assertThat(ret(pushed)).as(pushed.toString()).isZero();

            // a group message's content is "sender&&text"; the sending device gets no copy of its own push
            assertThat(contentsWithin(aliceWs, 2000)).as("alice on node 1").filteredOn(c -> c.endsWith("&&hello team")).hasSize(1);
            assertThat(contentsWithin(carlTcp, 1000)).as("carl on node 3").filteredOn(c -> c.endsWith("&&hello team")).hasSize(1);
            assertThat(contentsWithin(bobWs, 500)).as("bob's sending device on node 2").noneMatch(c -> c.contains("hello team"));
        }
    }

    @Test
    @Order(5)
    void sessions_held_on_one_node_are_listed_and_set_through_the_others() throws Exception {
        String bob = login(0, "bob", "iOS-b2");
        try (Socket ws = subscribe(1, "bob_iOS-b2@user", bob)) {
            awaitRouting();
            var set = Client.obj();
            set.putObject("baseRequest").put("token", appToken);
            set.put("sessionId", "bob_iOS-b2").put("state", "active");
            JsonNode setResult = clients.get(2).post("/app/client/app/setSessionState", set);
            assertThat(ret(setResult)).as(setResult.toString()).isZero();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            String state = null;
            while (System.nanoTime() < deadline) {
                var get = Client.obj();
                get.putObject("baseRequest").put("token", appToken).put("uid", "bob");
                JsonNode listed = clients.get(0).post("/app/client/app/getSessions", get);
                state = null;
                for (JsonNode s : listed.get("memberList")) {
                    if (s.toString().contains("bob_iOS-b2")) {
                        state = s.get("sate").asText();
                    }
                }
                if ("active".equals(state)) {
                    break;
                }
                Thread.sleep(50);
            }
            assertThat(state).as("node 1 lists the session held on node 2 in the state node 3 set").isEqualTo("active");
        }
    }

    @Test
    @Order(6)
    void password_guesses_spread_over_the_nodes_are_counted_together_and_locked_on_every_node() {
        syncUser("gus", "Gus");
        String attacker = "203.0.113.77";
        for (int i = 1; i <= 6; i++) { // five free failures per account and address, the sixth starts a 3 s lock
            JsonNode r = loginFrom(i % 3, attacker, "gus", "guess-" + i);
            assertThat(ret(r)).as("guess %d on node %d: %s", i, i % 3 + 1, r).isEqualTo(65539);
        }
        for (int node = 0; node < 3; node++) {
            JsonNode r = loginFrom(node, attacker, "gus", "gus-pw");
            assertThat(ret(r)).as("node %d knows the guesses the others counted: %s", node + 1, r).isEqualTo(65536);
        }
        assertThat(ret(loginFrom(1, "198.51.100.77", "gus", "gus-pw"))).as("the owner at home is not locked out")
                .isZero();
    }

    @Test
    @Order(7)
    void a_push_quota_holds_for_the_nodes_together_not_for_each_node() throws Exception {
        Thread.sleep(1_500); // every node has flushed the earlier tests' pushes (it does every second)
        putPushQuota(1_000_000);
        JsonNode listed = Client.parse(clients.get(0).adminGet("/admin/quotas?customerId=c1&tenantId=t1", ADMIN_KEY)
                .body());
        long usedToday = listed.get("quotas").get(0).get("used").asLong(); // earlier tests pushed: allow 7 more
        putPushQuota(usedToday + 7);
        Thread.sleep(2_500); // the other nodes re-read quota rows every 2 s
        List<String> tokens = List.of(login(0, "carl", "Android-q1"), login(1, "carl", "Android-q2"),
                login(2, "carl", "Android-q3"));
        java.util.concurrent.ConcurrentLinkedQueue<Integer> answers = new java.util.concurrent.ConcurrentLinkedQueue<>();
        List<Thread> senders = new ArrayList<>();
        for (int node = 0; node < 3; node++) {
            int n = node;
            senders.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 6; i++) {
                    answers.add(ret(push(n, tokens.get(n), "Android-q" + (n + 1), "carl@user", "bob@user",
                            "quota " + n + "-" + i)));
                }
            }));
        }
        for (Thread t : senders) {
            t.join(60_000);
        }
        try {
            assertThat(answers).hasSize(18);
            assertThat(answers).filteredOn(r -> r == 0).as("admitted on the three nodes together: %s", answers)
                    .hasSize(7);
            assertThat(answers).filteredOn(r -> r != 0).as("refused as over push_cnt").containsOnly(65537);
        } finally {
            var removed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + ports.get(0).get("admin") + "/admin/quotas?customerId=c1&tenantId=t1&item=push_cnt&key=@user"))
                    .DELETE().header("Authorization", "Bearer " + ADMIN_KEY).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
            Thread.sleep(2_500);
        }
    }

    /** Sets tenant t1's daily {@code @user} push quota. */
    private void putPushQuota(long value) {
        var put = clients.get(0).adminPut("/admin/quotas", ADMIN_KEY, Client.obj().put("customerId", "c1")
                .put("tenantId", "t1").put("item", "push_cnt").put("key", "@user").put("period", "day")
                .put("value", value).toString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    }

    @Test
    @Order(8)
    void a_token_deleted_on_one_node_closes_its_connection_on_another_which_refuses_it_at_once() throws Exception {
        String phone = login(0, "alice", "Android-ap");
        String laptop = login(0, "alice", "Android-al");
        try (Socket ws = subscribe(1, "alice_Android-ap@user", phone)) {
            awaitRouting();
            // node 2 has the token cached now (its cache keeps answers 30 s): only an eviction stops it in time
            assertThat(ret(fetch(1, phone, "alice@user"))).isZero();

            var body = Client.obj();
            body.putObject("baseRequest").put("token", laptop);
            body.put("delToken", phone);
            JsonNode deleted = clients.get(0).post("/app/client/device/delToken", body);
            assertThat(deleted.get("deleted").asBoolean()).as(deleted.toString()).isTrue();

            assertThat(ws.next(5)).isEqualTo("-a\r\n");
            assertThat(ws.closed.get(5, TimeUnit.SECONDS)).isEqualTo(4002);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            int refused = 0;
            while (System.nanoTime() < deadline && (refused = ret(fetch(1, phone, "alice@user"))) == 0) {
                Thread.sleep(20);
            }
            assertThat(refused).as("node 2 refuses the deleted token within 2 s, not after its cache's 30 s").isNotZero();
        }
        try (Socket again = Socket.open(ports.get(2).get("ws"), "key=alice@user&heartbeat=30&token=" + phone)) {
            assertThat(again.next(5)).as("node 3 refuses the deleted token too").isEqualTo("-a\r\n");
        }
    }

    @Test
    @Order(9)
    void server_get_names_live_nodes_only_and_never_a_killed_one() throws Exception {
        Set<String> before = new HashSet<>();
        for (int u = 0; u < 60; u++) {
            before.add(serverFor(u % 3, "user" + u + "@user"));
        }
        Set<String> all = Set.of(wsAddress(0), wsAddress(1), wsAddress(2));
        assertThat(before).as("users spread over every node").isEqualTo(all);
        assertThat(serverFor(0, "user7@user")).as("every node names the same node for a user")
                .isEqualTo(serverFor(1, "user7@user")).isEqualTo(serverFor(2, "user7@user"));

        nodes.get(2).kill();
        Thread.sleep(TimeUnit.SECONDS.toMillis(LEASE_TTL_SECONDS) + 2_000); // expiry plus a poll and slack
        Set<String> after = new HashSet<>();
        for (int u = 0; u < 60; u++) {
            after.add(serverFor(u % 2, "user" + u + "@user"));
        }
        assertThat(after).isEqualTo(Set.of(wsAddress(0), wsAddress(1)));
    }

    /** The contents of the chat frames a feed receives within {@code millis} (group notices have none). */
    private static List<String> contentsWithin(Feed feed, long millis) throws InterruptedException {
        List<String> out = new ArrayList<>();
        for (String frame : feed.drain(millis)) {
            JsonNode msg = Client.parse(frame).get("msg");
            JsonNode m = msg.isTextual() ? Client.parse(msg.asText()) : msg;
            if (m.has("content")) {
                out.add(m.get("content").asText());
            }
        }
        return out;
    }

    private String serverFor(int node, String key) {
        JsonNode r = clients.get(node).getJson("/1/server/get", Map.of("k", key, "p", "1"));
        assertThat(ret(r)).as(r.toString()).isZero();
        return r.get("data").get("server").asText();
    }

    private String wsAddress(int node) {
        return "127.0.0.1:" + ports.get(node).get("ws");
    }

    /** Routing learns of a new connection after the presence writer's next batch (a few ms); give it a moment. */
    private static void awaitRouting() throws InterruptedException {
        Thread.sleep(300);
    }

    private static List<String> frames(Feed feed, int count) {
        List<String> out = new ArrayList<>();
        while (out.size() < count) {
            String f = feed.next(10);
            if (!f.startsWith("+")) {
                out.add(f);
            }
        }
        return out;
    }

    private String provision() {
        Client c = clients.get(0);
        assertThat(c.adminPost("/admin/customers", ADMIN_KEY, Client.obj().put("id", "c1").put("name", "C1")).statusCode()).isEqualTo(200);
        assertThat(c.adminPost("/admin/tenants", ADMIN_KEY, Client.obj().put("id", "t1").put("code", "t1").put("name", "T1")
                .put("customerId", "c1")).statusCode()).isEqualTo(200);
        var created = c.adminPost("/admin/applications", ADMIN_KEY, Client.obj().put("id", "app1").put("name", "App 1")
                .put("tenantId", "t1"));
        assertThat(created.statusCode()).isEqualTo(200);
        return Client.parse(created.body()).get("token").asText();
    }

    private void syncUser(String uid, String nick) {
        syncUser(uid, nick, "1");
    }

    private void syncUser(String uid, String nick, String status) {
        var body = Client.obj();
        body.putObject("baseRequest").put("token", appToken);
        body.put("orgId", "");
        body.putObject("member").put("uid", uid).put("name", uid + "-login").put("nickName", nick)
                .put("password", uid + "-pw").put("tenantId", "").put("status", status).put("email", uid + "@example.org");
        JsonNode r = clients.get(0).post("/app/client/app/syncUser", body);
        assertThat(ret(r)).as(r.toString()).isZero();
    }

    private String login(int node, String uid, String deviceId) {
        var body = Client.obj();
        body.putObject("baseRequest").put("uid", "").put("deviceID", deviceId).put("deviceType", "Android").put("token", "");
        body.put("userName", uid + "-login").put("password", uid + "-pw");
        JsonNode r = clients.get(node).post("/app/client/device/login", body);
        assertThat(ret(r)).as(r.toString()).isZero();
        return r.get("token").asText();
    }

    private JsonNode loginFrom(int node, String address, String uid, String password) {
        var body = Client.obj();
        body.putObject("baseRequest").put("uid", "").put("deviceID", "Android-x1").put("deviceType", "Android").put("token", "");
        body.put("userName", uid + "-login").put("password", password);
        return clients.get(node).postFrom(address, "/app/client/device/login", body);
    }

    private JsonNode push(int node, String token, String deviceId, String from, String to, String content) {
        var body = Client.obj();
        body.putObject("baseRequest").put("uid", "").put("deviceID", deviceId).put("deviceType", "Android").put("token", token);
        body.putObject("msg").put("fromUserName", from).put("toUserName", to).put("content", content).put("msgType", 1)
                .put("clientMsgId", content);
        return clients.get(node).post("/app/client/device/push", body);
    }

    private JsonNode fetch(int node, String token, String key) {
        return clients.get(node).getJson("/1/msg/get", Map.of("k", key, "m", "0", "token", token, "limit", "1"));
    }

    private Socket subscribe(int node, String key, String token) {
        Socket s = Socket.open(ports.get(node).get("ws"), "key=" + key + "&heartbeat=30&token=" + token + "&ver=1");
        assertThat(s.next(5)).isEqualTo("+h\r\n");
        return s;
    }

    private static int ret(JsonNode response) {
        return response.has("baseResponse") ? response.get("baseResponse").get("ret").asInt() : response.get("ret").asInt();
    }

    private static String content(String frame) {
        JsonNode msg = Client.parse(frame).get("msg");
        return (msg.isTextual() ? Client.parse(msg.asText()) : msg).get("content").asText();
    }

    private static long mid(String frame) {
        return Client.parse(frame).get("mid").asLong();
    }
}

package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.appmsg.adapter.persistence.redis.RedisTestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Faults of a three-node cluster under load, tested as an outsider (PRODUCT.md §3: "node failure loses nothing:
 * clients reconnect to any node and resume"). Application pushers spread their pushes over every node and send a
 * push that got no answer again, unchanged, to the next node (idempotent push makes that safe); every user holds a
 * WebSocket on one of the nodes and, when its connection ends, asks a live node's {@code /1/server/get} where to go
 * and resumes there from the last mid it received. After each fault, every acknowledged push is looked for in every
 * mailbox (none missing, none stored twice), and every socket's frames are compared with its mailbox: each user
 * received every stored message, once, in mid order, across reconnections. Needs MariaDB and Redis (skipped without
 * them, failed under {@code CI=true}, like {@link ClusterIT}); the Redis and database outages run their own
 * Redis ({@link RedisTestServers#single}) and {@link PrivateMariaDb}, which they may kill.
 */
class ClusterFailuresIT {

    private static final String ADMIN_KEY = "cluster-failures-admin-key-0123456789";
    private static final int NODES = 3;
    private static final int USERS = 12;
    private static final int PUSHERS = 12;
    private static final int LEASE_TTL_SECONDS = 3;
    private static final Duration LOAD_BEFORE_FAULT = Duration.ofMillis(2500);
    private static final Duration LOAD_AFTER_FAULT = Duration.ofMillis(3000);
    /**
     * Acknowledged pushes wanted before the fault, and again after it, so that the fault hits a loaded cluster and
     * the recovery is shown by new acknowledgements; a slow machine gets up to {@link #PATIENCE} for each.
     */
    private static final int MIN_ACKS = 30;
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** While the database is down, no push may wait longer than this for its answer (it must fail fast). */
    private static final long ANSWER_BOUND_MILLIS = 5_000;

    private final List<ServerProcess> nodes = new ArrayList<>();
    private final List<Map<String, String>> settings = new ArrayList<>();
    private final List<Map<String, Integer>> ports = new ArrayList<>();
    private String databaseUrl;
    private RedisTestServers.Instance privateRedis;
    private PrivateMariaDb privateDatabase;

    /** One run under load: what the pushers got, what the audit found, what the sockets saw. */
    private record Run(List<AppPushLoad.Ack> acks, List<AppPushLoad.Outcome> outcomes, int acksBeforeFault,
            long faultAt, long faultOver, MailboxAudit.Findings findings, List<String> socketProblems,
            int reconnected, long slowestResumeMillis) {

        long resent() {
            return acks.stream().filter(a -> a.sends() > 1).count();
        }

        void assertNothingLost() {
            assertThat(acksBeforeFault).as("pushes acknowledged before the fault").isGreaterThanOrEqualTo(MIN_ACKS);
            assertThat(acks.size()).as("pushes acknowledged, %d of them before the fault", acksBeforeFault)
                    .isGreaterThanOrEqualTo(acksBeforeFault + MIN_ACKS);
            assertThat(findings.clean()).as(findings.toString()).isTrue();
            assertThat(socketProblems).as("what sockets received against their mailboxes").isEmpty();
        }

        /** The answers to pushes sent while the fault lasted. */
        List<AppPushLoad.Outcome> duringFault() {
            return outcomes.stream().filter(o -> o.started() >= faultAt && o.started() <= faultOver).toList();
        }
    }

    @Test
    void a_node_killed_under_load_loses_no_acknowledged_push_and_every_resumed_client_misses_nothing()
            throws Exception {
        startCluster(MariaDb.freshDatabase(), sharedRedis());
        int victim = NODES - 1;
        Run run = underLoad("node-kill", () -> nodes.get(victim).kill());

        report("SIGKILL of node " + (victim + 1), run);
        run.assertNothingLost();
        assertThat(run.outcomes()).as("the kill hit pushes in flight or about to be sent")
                .anyMatch(o -> !o.answered() && o.ended() > run.faultAt());
        assertThat(run.reconnected()).as("the sockets held by the killed node").isEqualTo(USERS / NODES);
    }

    @Test
    void redis_killed_and_restarted_empty_under_load_loses_nothing_and_the_nodes_resynchronise_their_sockets()
            throws Exception {
        privateRedis = RedisTestServers.single();
        startCluster(MariaDb.freshDatabase(), privateRedis.uri().toString());
        Client admin = client(0);
        List<Integer> readyDuringOutage = new ArrayList<>();
        Run run = underLoad("redis-kill", () -> {
            privateRedis.kill();
            long back = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < back) {
                readyDuringOutage.add(admin.adminGet("/ready").statusCode());
                Thread.sleep(200);
            }
            privateRedis.start();
        });

        report("Redis SIGKILLed for 3 s and restarted empty", run);
        run.assertNothingLost();
        assertThat(readyDuringOutage).as("/ready while Redis was away").contains(503);
        assertThat(awaitReady(admin)).as("/ready once Redis is back").isEqualTo(200);
    }

    @Test
    void a_rolling_restart_under_load_loses_nothing_and_every_client_resumes() throws Exception {
        startCluster(MariaDb.freshDatabase(), sharedRedis());
        Run run = underLoad("rolling", () -> {
            for (int i = 0; i < NODES; i++) {
                assertThat(nodes.get(i).stop()).as("node %d exit status after SIGTERM", i + 1).isZero();
                nodes.set(i, ServerProcess.start("cluster-failures-node-" + (i + 1), settings.get(i)));
            }
        });

        report("rolling restart (SIGTERM, start, next)", run);
        run.assertNothingLost();
        assertThat(run.reconnected()).as("every socket moved at least once").isEqualTo(USERS);
    }

    @Test
    void the_database_killed_under_load_answers_errors_quickly_and_loses_no_acknowledged_push() throws Exception {
        privateDatabase = PrivateMariaDb.start();
        startCluster(privateDatabase.url("appmsg"), sharedRedis());
        Run run = underLoad("db-kill", () -> {
            privateDatabase.kill();
            Thread.sleep(3_000);
            privateDatabase.startServer();
        });

        report("MariaDB SIGKILLed for 3 s and restarted", run);
        run.assertNothingLost();
        assertThat(run.duringFault()).as("pushes refused while the database was down")
                .anyMatch(o -> o.answered() && o.ret() != 0);
        assertThat(run.duringFault()).as("pushes sent while the database was down, answered after %d ms or never",
                ANSWER_BOUND_MILLIS).allMatch(o -> o.answered() && o.millis() <= ANSWER_BOUND_MILLIS);
        for (int node = 0; node < NODES; node++) {
            assertThat(awaitReady(client(node))).as("/ready of node %d after the database is back", node + 1)
                    .isEqualTo(200);
        }
    }

    /** Something that goes wrong, run once the load is under way. */
    @FunctionalInterface
    private interface Fault {
        void happen() throws Exception;
    }

    /**
     * Provisions the tenant, connects every user's socket (user i on node i mod 3), runs the pushers, lets
     * {@code fault} happen after {@link #LOAD_BEFORE_FAULT}, keeps pushing for {@link #LOAD_AFTER_FAULT}, then audits.
     */
    private Run underLoad(String tag, Fault fault) throws Exception {
        Client first = client(0);
        LoadTenant tenant = LoadTenant.provision(first, ADMIN_KEY, USERS);
        Map<String, String> tokens = new HashMap<>();
        for (String uid : tenant.users()) {
            tokens.put(uid, MailboxAudit.login(first, uid, LoadTenant.password(uid)));
        }
        List<Receiver> receivers = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            String uid = tenant.users().get(i);
            receivers.add(Receiver.start(uid, tokens.get(uid), ports.get(i % NODES).get("ws"), this::liveWsPortFor));
        }
        Thread.sleep(500); // the other nodes learn where the sockets are

        List<Integer> httpPorts = ports.stream().map(p -> p.get("http")).toList();
        AppPushLoad load = AppPushLoad.startOnNodes(httpPorts, tenant.appToken(), tenant.users(), PUSHERS,
                Duration.ofSeconds(90), tag);
        Thread.sleep(LOAD_BEFORE_FAULT.toMillis());
        awaitAcks(load, MIN_ACKS);
        int acksBeforeFault = load.acks().size();
        long faultAt = System.nanoTime();
        fault.happen();
        long faultOver = System.nanoTime();
        Thread.sleep(LOAD_AFTER_FAULT.toMillis());
        awaitAcks(load, load.acks().size() + MIN_ACKS);
        load.stop();

        List<AppPushLoad.Ack> acks = load.acks();
        MailboxAudit audit = MailboxAudit.read(client(0), tenant.users(), LoadTenant::password);
        List<String> problems = new ArrayList<>();
        int reconnected = 0;
        long slowestResume = 0;
        for (Receiver r : receivers) {
            List<MailboxAudit.Entry> stored = audit.entries(r.uid + "@user");
            r.awaitMid(stored.isEmpty() ? 0 : stored.get(stored.size() - 1).mid(), Duration.ofSeconds(20));
            r.close();
            problems.addAll(r.compareWith(stored));
            if (r.reconnects.get() > 0) {
                reconnected++;
                slowestResume = Math.max(slowestResume, r.resumedAfterMillis(faultAt));
            }
        }
        return new Run(acks, load.outcomes(), acksBeforeFault, faultAt, faultOver, audit.check(acks), problems,
                reconnected, slowestResume);
    }

    /** Waits until {@code load} has {@code count} acknowledgements, or {@link #PATIENCE} passed. */
    private static void awaitAcks(AppPushLoad load, int count) throws InterruptedException {
        long end = System.nanoTime() + PATIENCE.toNanos();
        while (load.acks().size() < count && System.nanoTime() < end) {
            Thread.sleep(50);
        }
    }

    private static void report(String fault, Run run) {
        long slowest = run.outcomes().stream().filter(AppPushLoad.Outcome::answered)
                .mapToLong(AppPushLoad.Outcome::millis).max().orElse(0);
        System.out.printf("ClusterFailuresIT, %s: %d pushes acknowledged (%d before the fault; %d answered only"
                + " after being sent again to another node), slowest answer %d ms; audit: %s; %d of %d sockets"
                + " reconnected, the last resumed %d ms after the fault; socket problems: %d %s%n", fault,
                run.acks().size(), run.acksBeforeFault(), run.resent(), slowest, run.findings(), run.reconnected(),
                USERS, run.slowestResumeMillis(), run.socketProblems().size(),
                run.socketProblems().subList(0, Math.min(5, run.socketProblems().size())));
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (ServerProcess node : nodes) {
            node.destroy();
        }
        if (databaseUrl != null && privateDatabase == null) {
            MariaDb.drop(databaseUrl);
        }
        if (privateDatabase != null) {
            privateDatabase.close();
        }
        if (privateRedis != null) {
            privateRedis.close();
        }
    }

    private static String sharedRedis() {
        return RedisTestServers.shared().toString();
    }

    private void startCluster(String database, String redisUrl) throws Exception {
        databaseUrl = database;
        String prefix = "appmsg-fail-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        for (int id = 1; id <= NODES; id++) {
            ClusterNode node = ClusterNode.of(id, database, redisUrl, prefix, ADMIN_KEY, LEASE_TTL_SECONDS);
            Map<String, String> env = node.settings();
            Map<String, Integer> p = node.ports();
            settings.add(env);
            nodes.add(ServerProcess.start("cluster-failures-node-" + id, env));
            ports.add(p);
        }
    }

    private Client client(int node) {
        return new Client(ports.get(node).get("http"), ports.get(node).get("admin"));
    }

    /** {@code /ready} until it answers 200, for at most 20 s; the last status. */
    private static int awaitReady(Client admin) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int status = admin.adminGet("/ready").statusCode();
        while (status != 200 && System.nanoTime() < end) {
            Thread.sleep(200);
            status = admin.adminGet("/ready").statusCode();
        }
        return status;
    }

    /**
     * Where a client of {@code key} goes now: {@code /1/server/get} asked of the first node that answers (as a
     * client tries the addresses it knows), or 0 when none does.
     */
    private int liveWsPortFor(String key) {
        for (int node = 0; node < NODES; node++) {
            try {
                JsonNode r = client(node).getJson("/1/server/get", Map.of("k", key, "p", "1"));
                if (r.get("ret").asInt() == 0) {
                    String server = r.get("data").get("server").asText();
                    return Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
                }
            } catch (RuntimeException | AssertionError unreachable) {
                // that node is down: ask the next one
            }
        }
        return 0;
    }

    /**
     * One user's WebSocket, kept open by a thread of its own: every message frame is recorded; when the socket
     * closes, the thread asks where to go and reconnects with {@code mid} = the highest mid received, until
     * {@link #close}. Ends by itself (at most 60 s of reconnecting).
     */
    private static final class Receiver implements AutoCloseable {

        private final String uid;
        private final String token;
        private final java.util.function.ToIntFunction<String> where;
        private final List<long[]> received = new ArrayList<>(); // {mid, connection number}
        private final List<String> msgIds = new ArrayList<>();
        private final AtomicLong lastMid = new AtomicLong();
        private final AtomicInteger reconnects = new AtomicInteger();
        private final AtomicLong resumedAt = new AtomicLong();
        private final Thread thread;
        private volatile boolean closing;

        private Receiver(String uid, String token, int firstPort, java.util.function.ToIntFunction<String> where) {
            this.uid = uid;
            this.token = token;
            this.where = where;
            this.thread = Thread.ofPlatform().name("receiver-" + uid).daemon(true).start(() -> run(firstPort));
        }

        static Receiver start(String uid, String token, int wsPort,
                java.util.function.ToIntFunction<String> where) {
            return new Receiver(uid, token, wsPort, where);
        }

        private void run(int port) {
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            int connection = 0;
            while (!closing && System.nanoTime() < giveUp) {
                Socket socket;
                try {
                    socket = Socket.open(port, "key=" + uid + "_Web-1@user&heartbeat=60&token=" + token + "&ver=1"
                            + "&mid=" + lastMid.get());
                } catch (CompletionException refused) {
                    sleep(200); // not there (yet): ask again
                    port = where.applyAsInt(uid + "@user");
                    continue;
                }
                connection++;
                if (connection > 1) {
                    reconnects.incrementAndGet();
                }
                try (socket) {
                    while (!closing) {
                        String frame = socket.frames().poll(100, TimeUnit.MILLISECONDS);
                        if (frame == null) {
                            if (socket.isClosed() && socket.frames().isEmpty()) {
                                break;
                            }
                            continue;
                        }
                        if (frame.startsWith("+")) {
                            continue;
                        }
                        JsonNode f = Client.parse(frame);
                        JsonNode msg = f.get("msg");
                        long mid = f.get("mid").asLong();
                        synchronized (this) {
                            received.add(new long[] {mid, connection});
                            msgIds.add(msg.get("msgId").asText());
                        }
                        if (connection > 1 && resumedAt.get() == 0) {
                            resumedAt.set(System.nanoTime());
                        }
                        lastMid.accumulateAndGet(mid, Math::max);
                    }
                } catch (InterruptedException e) {
                    return;
                }
                if (!closing) {
                    port = where.applyAsInt(uid + "@user");
                }
            }
        }

        /** Waits until a frame with {@code mid} (or above) arrived, or {@code atMost} passed. */
        void awaitMid(long mid, Duration atMost) throws InterruptedException {
            long end = System.nanoTime() + atMost.toNanos();
            while (lastMid.get() < mid && System.nanoTime() < end) {
                Thread.sleep(50);
            }
        }

        long resumedAfterMillis(long killed) {
            long at = resumedAt.get();
            return at == 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(at - killed);
        }

        /** Every stored entry received once, in mid order, and nothing else. */
        synchronized List<String> compareWith(List<MailboxAudit.Entry> stored) {
            List<String> problems = new ArrayList<>();
            long previous = 0;
            for (long[] r : received) {
                if (r[0] <= previous) {
                    problems.add(uid + " received mid " + r[0] + " after " + previous + " (connection " + r[1] + ")");
                }
                previous = Math.max(previous, r[0]);
            }
            Set<String> got = new LinkedHashSet<>(msgIds);
            for (MailboxAudit.Entry e : stored) {
                if (!got.contains(e.msgId())) {
                    problems.add(uid + " never received mid " + e.mid() + " (" + e.content() + ")");
                }
            }
            if (got.size() != stored.size()) {
                problems.add(uid + " received " + got.size() + " distinct messages, its mailbox holds " + stored.size());
            }
            return problems;
        }

        @Override
        public void close() throws InterruptedException {
            closing = true;
            thread.join(5_000);
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A MariaDB outage under load, as an operator would see it: the server runs as its own process on a private
 * {@code mariadbd}, {@value #PUSHERS} application pushers keep it busy, the database is SIGKILLed for
 * {@value #OUTAGE_MILLIS} ms and started again. No push may hang on the dead database: those sent once the outage
 * is known are refused within {@value #REFUSAL_BOUND_MILLIS} ms with a clear 503 / 65535 "storage unavailable,
 * retry", and every push, including those in flight when the database died, is answered within
 * {@value #ANSWER_BOUND_MILLIS} ms (a connection wait of at most 1 s plus the time a push takes on this machine at
 * all; the build before fail-fast needed 10 s). {@code /ready} must not wait for the database (within
 * {@value #READY_BOUND_MILLIS} ms; the blocking check took 2 s), answer 503 during the outage and 200 after it;
 * pushes must succeed again without restarting the server; and every push acknowledged before, during or after
 * must be in its mailboxes. The bounds leave room for a busy shared machine; the printed figures are typically
 * a few milliseconds.
 */
class DatabaseOutageIT {

    private static final String ADMIN_KEY = "outage-admin-key-0123456789";
    private static final int USERS = 8;
    private static final int PUSHERS = 16;
    private static final long OUTAGE_MILLIS = 4_000;
    private static final long ANSWER_BOUND_MILLIS = 2_500;
    private static final long REFUSAL_BOUND_MILLIS = 1_000;
    private static final long READY_BOUND_MILLIS = 1_500;
    /** After the database is back and {@code /ready} says so, pushes must be acknowledged again within this. */
    private static final long RECOVERY_SECONDS = 10;
    /** The background probe checks a database that is up every second: by then the outage is known. */
    private static final long DETECTION_MILLIS = 1_500;

    private PrivateMariaDb db;
    private ServerProcess server;
    private Path dataDir;

    @Test
    void pushes_fail_fast_while_the_database_is_down_and_succeed_again_when_it_is_back() throws Exception {
        db = PrivateMariaDb.start();
        dataDir = Files.createTempDirectory("appmsg-outage");
        Map<String, String> env = new HashMap<>(ServerProcess.loopbackOnFreePorts());
        env.put("APPMSG_DATA_DIR", dataDir.toString());
        env.put("APPMSG_DB_URL", db.url("appmsg"));
        env.put("APPMSG_ADMIN_KEY", ADMIN_KEY);
        env.put("APPMSG_PASSWORD_ITERATIONS", "10000");
        server = ServerProcess.start("DatabaseOutageIT", env);
        Client client = server.client();
        LoadTenant tenant = LoadTenant.provision(client, ADMIN_KEY, USERS);
        assertThat(client.adminGet("/ready").statusCode()).isEqualTo(200);

        AppPushLoad load = AppPushLoad.start(server.httpPort(), tenant.appToken(), tenant.users(), PUSHERS,
                Duration.ofSeconds(60), "outage");
        awaitAcks(load, 50, Duration.ofSeconds(30));
        db.kill();
        long down = System.nanoTime();
        List<long[]> readyDuringOutage = pollReady(client, down + TimeUnit.MILLISECONDS.toNanos(OUTAGE_MILLIS));
        long detected = down + TimeUnit.MILLISECONDS.toNanos(DETECTION_MILLIS);
        String metricsDuringOutage = client.adminGet("/metrics").body();
        long restarting = System.nanoTime(); // the outage ends here: mariadbd may answer before startServer returns
        db.startServer();
        long up = System.nanoTime();
        long ready = awaitReady(client, up + TimeUnit.SECONDS.toNanos(20));
        String metricsAfter = client.adminGet("/metrics").body();
        int acksBeforeRecovery = load.acks().size();
        long flowing = awaitAcks(load, acksBeforeRecovery + 20, Duration.ofSeconds(RECOVERY_SECONDS));
        load.stop();

        List<AppPushLoad.Outcome> outcomes = load.outcomes();
        List<AppPushLoad.Ack> acks = load.acks();
        List<AppPushLoad.Outcome> duringOutage = outcomes.stream()
                .filter(o -> o.started() > detected && o.ended() < restarting).toList();
        long[] refusals = duringOutage.stream().mapToLong(AppPushLoad.Outcome::millis).sorted().toArray();
        List<String> slowest = describe(outcomes.stream()
                .sorted(java.util.Comparator.comparingLong(AppPushLoad.Outcome::millis).reversed()).limit(3).toList(),
                o -> true, down);
        System.out.printf("DatabaseOutageIT: %d pushes, %d acknowledged; %d sent while the outage was known, answered "
                + "in a median %d ms, at most %d ms; slowest answers %s; /ready during the outage answered in %s ms; "
                + "ready again %d ms after mariadbd was restarted, pushes acknowledged again %d ms after that%n",
                outcomes.size(), acks.size(), refusals.length, refusals.length == 0 ? 0 : refusals[refusals.length / 2],
                refusals.length == 0 ? 0 : refusals[refusals.length - 1], slowest,
                readyDuringOutage.stream().map(r -> Long.toString(r[2])).toList(), millis(up, ready),
                millis(ready, flowing));

        assertThat(describe(outcomes, o -> !o.answered(), down)).as("pushes without an answer (the server went away)")
                .isEmpty();
        assertThat(describe(outcomes, o -> o.millis() > ANSWER_BOUND_MILLIS, down))
                .as("pushes that waited more than %d ms for their answer", ANSWER_BOUND_MILLIS).isEmpty();
        assertThat(duringOutage).as("pushes sent while the database was known to be down").isNotEmpty();
        assertThat(describe(duringOutage, o -> o.status() != 503 || o.ret() != 65535, down))
                .as("pushes sent while the database was down not answered 503 / 65535").isEmpty();
        assertThat(describe(duringOutage, o -> o.millis() > REFUSAL_BOUND_MILLIS, down))
                .as("pushes refused later than %d ms while the outage was known", REFUSAL_BOUND_MILLIS).isEmpty();
        assertThat(describe(outcomes, o -> o.ret() != 0 && !o.errMsg().equals("storage unavailable, retry"), down))
                .as("refusals other than \"storage unavailable, retry\"").isEmpty();

        assertThat(readyDuringOutage).as("/ready while the database was down: answered without waiting for it")
                .allSatisfy(r -> assertThat(r[2]).as("answered in ms").isLessThanOrEqualTo(READY_BOUND_MILLIS));
        assertThat(readyDuringOutage).as("/ready once the outage was known").filteredOn(r -> r[0] > detected)
                .hasSizeGreaterThan(5)
                .allSatisfy(r -> assertThat(r[1]).as("status").isEqualTo(503));

        assertThat(metricsDuringOutage).as("/metrics during the outage").containsPattern("(?m)^appmsg_database_up 0$");
        assertThat(metricsAfter).as("/metrics after it").containsPattern("(?m)^appmsg_database_up 1$");

        MailboxAudit audit = MailboxAudit.read(client, tenant.users(), LoadTenant::password);
        MailboxAudit.Findings findings = audit.check(acks);
        assertThat(findings.clean()).as(findings.toString()).isTrue();
        assertThat(server.stop()).as("exit status after SIGTERM").isZero();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (server != null) {
            server.destroy();
        }
        if (db != null) {
            db.close();
        }
        if (dataDir != null) {
            try (var files = Files.walk(dataDir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The outcomes {@code matching}, each with its start relative to the kill (at most 10, for messages). */
    private static List<String> describe(List<AppPushLoad.Outcome> outcomes, Predicate<AppPushLoad.Outcome> matching,
            long down) {
        return outcomes.stream().filter(matching).limit(10)
                .map(o -> "sent " + millis(down, o.started()) + " ms after the kill, answered after " + o.millis()
                        + " ms: " + (o.answered() ? o.status() + " ret " + o.ret() + " " + o.errMsg() : o.failure()))
                .toList();
    }

    /** Waits until {@code count} pushes in all were acknowledged; returns when that was. */
    private static long awaitAcks(AppPushLoad load, int count, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (load.acks().size() < count) {
            if (System.nanoTime() > deadline) {
                load.stop();
                List<AppPushLoad.Outcome> outcomes = load.outcomes();
                throw new AssertionError("only " + load.acks().size() + " of " + count + " pushes acknowledged after "
                        + atMost.toSeconds() + " s; the last answers: "
                        + outcomes.subList(Math.max(0, outcomes.size() - 5), outcomes.size()));
            }
            Thread.sleep(20);
        }
        return System.nanoTime();
    }

    /** {@code GET /ready} every 100 ms until {@code until}: each as {sent (nanoTime), status, ms to the answer}. */
    private static List<long[]> pollReady(Client client, long until) throws InterruptedException {
        List<long[]> answers = new ArrayList<>();
        while (System.nanoTime() < until) {
            long start = System.nanoTime();
            HttpResponse<String> r = client.adminGet("/ready");
            answers.add(new long[] {start, r.statusCode(), millis(start, System.nanoTime())});
            Thread.sleep(100);
        }
        return answers;
    }

    private static long awaitReady(Client client, long deadline) throws InterruptedException {
        while (client.adminGet("/ready").statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not ready 20 s after the database came back");
            }
            Thread.sleep(50);
        }
        return System.nanoTime();
    }

    private static long millis(long from, long to) {
        return TimeUnit.NANOSECONDS.toMillis(to - from);
    }
}

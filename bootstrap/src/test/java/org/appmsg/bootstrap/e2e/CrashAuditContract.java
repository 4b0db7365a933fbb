package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Crash safety (PRODUCT.md §5: "kill -9 under load loses no acknowledged push, on every store"), tested as an
 * outsider: the packaged server runs as its own process, {@value #PUSHERS} application pushers keep it busy, it
 * is killed with SIGKILL in the middle of that, started again on the same data, and every push it answered
 * {@code ret 0} is looked for in every recipient's mailbox through {@code /1/msg/get}: none may be missing or
 * doubled, and the next push to each mailbox must get a mid above every mid ever acknowledged in it (a reused
 * mid would make a client that resumes from the acknowledged one miss the new message). Subclasses choose
 * the store.
 */
abstract class CrashAuditContract {

    static final String ADMIN_KEY = "crash-audit-admin-key-0123456789";
    private static final int USERS = 8;
    private static final int PUSHERS = 24;
    /** Load before the kill: enough acknowledged pushes that some were answered moments before it. */
    private static final Duration LOAD_BEFORE_KILL = Duration.ofMillis(2500);
    private static final int MIN_ACKS_BEFORE_KILL = 200;

    private Path dataDir;
    private ServerProcess server;

    /** The APPMSG_DB_URL of the store under test; empty = the embedded H2 under the data dir. */
    abstract String databaseUrl();

    /** Drops what {@link #databaseUrl} created, after the test. */
    void dropDatabase() {}

    @Test
    void every_acknowledged_push_survives_kill_9_and_no_mid_is_given_out_twice() throws Exception {
        dataDir = Files.createTempDirectory("appmsg-crash");
        long begun = System.nanoTime();
        server = ServerProcess.start(getClass().getSimpleName(), settings());
        Client client = server.client();
        LoadTenant tenant = LoadTenant.provision(client, ADMIN_KEY, USERS);

        long loadStarted = System.nanoTime();
        AppPushLoad load = AppPushLoad.start(server.httpPort(), tenant.appToken(), tenant.users(), PUSHERS,
                Duration.ofSeconds(30), "crash");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Thread.sleep(LOAD_BEFORE_KILL.toMillis());
        while (load.acks().size() < MIN_ACKS_BEFORE_KILL && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        server.kill(); // SIGKILL with requests in flight
        long killed = System.nanoTime();
        Thread.sleep(300); // the pushers see the dead socket and retry against nothing
        load.stop();

        List<AppPushLoad.Ack> acks = load.acks();
        assertThat(acks).as("pushes acknowledged before the kill").hasSizeGreaterThanOrEqualTo(MIN_ACKS_BEFORE_KILL);
        assertThat(load.outcomes()).as("the kill hit the server under load: requests failed after it")
                .anyMatch(o -> !o.answered() && o.ended() > killed);

        server = ServerProcess.start(getClass().getSimpleName(), settings());
        long restarted = System.nanoTime();
        client = server.client();
        MailboxAudit audit = MailboxAudit.read(client, tenant.users(), LoadTenant::password);
        MailboxAudit.Findings findings = audit.check(acks);
        System.out.printf("%s: first start and set-up %d ms, %d pushes acknowledged in %d ms before SIGKILL, "
                + "restart %d ms, audit %d ms: %s%n", getClass().getSimpleName(), millis(begun, loadStarted),
                acks.size(), millis(loadStarted, killed), millis(killed, restarted), millis(restarted, System.nanoTime()),
                findings);
        assertThat(findings.clean()).as(findings.toString()).isTrue();

        // the next push to every mailbox gets a mid above all the ones acknowledged before the crash
        Map<String, Long> highest = MailboxAudit.highestAcknowledgedMids(acks);
        var body = Client.obj();
        body.putObject("baseRequest").put("token", tenant.appToken());
        var names = body.putArray("toUserNames");
        tenant.users().forEach(u -> names.add(u + "@user"));
        body.put("msgType", 1).put("content", "after the crash");
        JsonNode after = client.post("/app/client/app/user/push", body);
        assertThat(after.get("baseResponse").get("ret").asInt()).as(after.toString()).isZero();
        Map<String, Long> newMids = new HashMap<>();
        after.get("mlist").forEach(m -> newMids.put(m.get("key").asText(), m.get("mid").asLong()));
        for (String uid : tenant.users()) {
            String key = uid + "@user";
            assertThat(newMids.get(key)).as("the first mid in %s after the crash", key)
                    .isGreaterThan(highest.getOrDefault(key, 0L))
                    .isGreaterThan(audit.lastMid(key));
        }
        assertThat(server.stop()).as("exit status after SIGTERM").isZero();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (server != null) {
            server.destroy();
        }
        dropDatabase();
        if (dataDir != null) {
            try (var files = Files.walk(dataDir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static long millis(long from, long to) {
        return TimeUnit.NANOSECONDS.toMillis(to - from);
    }

    private Map<String, String> settings() {
        Map<String, String> env = new HashMap<>(ServerProcess.loopbackOnFreePorts());
        env.put("APPMSG_DATA_DIR", dataDir.toString());
        env.put("APPMSG_DB_URL", databaseUrl());
        env.put("APPMSG_ADMIN_KEY", ADMIN_KEY);
        env.put("APPMSG_PASSWORD_ITERATIONS", "10000"); // the audit signs every user in: keep that cheap
        return env;
    }
}

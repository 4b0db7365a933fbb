package org.appmsg.adapter.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.appmsg.adapter.persistence.SqlPersistence;
import org.appmsg.application.contract.LoginAttemptsContract;
import org.appmsg.application.port.out.LoginAttempts;
import org.appmsg.domain.auth.LoginThrottle.Failures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The {@link LoginAttempts} contract on Redis, one node per test under a fresh prefix, and what sharing adds: two
 * nodes count into the same keys, and what Redis holds is digested, tagged and expires.
 */
abstract class RedisLoginAttemptsContract extends LoginAttemptsContract {

    static final Duration FORGET_AFTER = Duration.ofHours(1);
    static final Duration KNOWN_FOR = Duration.ofDays(30);
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    private RedisNodes nodes;
    private int nextNode = 1;

    /** The Redis under test. */
    protected abstract URI redis();

    @Override
    protected LoginAttempts attempts() {
        nodes = new RedisNodes(redis());
        return node();
    }

    /** Another node of the same cluster (same Redis, same prefix). */
    LoginAttempts node() {
        return nodes.start(nextNode++).loginAttempts(FORGET_AFTER, KNOWN_FOR, SqlPersistence.localLoginAttempts(1_000));
    }

    RedisNodes nodes() {
        return nodes;
    }

    @AfterEach
    void stopNodes() {
        if (nodes != null) {
            nodes.close();
        }
    }

    private static Failures plusOne(Failures f) {
        return new Failures(f.count() + 1, T0);
    }

    @Test
    void failures_counted_on_two_nodes_at_once_are_all_counted_and_both_read_them() throws Exception {
        LoginAttempts one = node();
        LoginAttempts two = node();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                LoginAttempts on = t % 2 == 0 ? one : two;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        on.fail("account victim", RedisLoginAttemptsContract::plusOne);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(one.failures("account victim").count()).isEqualTo(300);
        assertThat(two.failures("account victim")).isEqualTo(new Failures(300, T0));

        one.signedIn("account victim from 203.0.113.9", T0.plusSeconds(60));
        assertThat(two.lastSignIn("account victim from 203.0.113.9")).contains(T0.plusSeconds(60));
    }

    @Test
    void redis_holds_one_digested_tagged_key_per_count_and_each_expires() {
        LoginAttempts attempts = node();
        attempts.fail("account ?someone's login name from 198.51.100.4", RedisLoginAttemptsContract::plusOne);
        attempts.fail("address 198.51.100.4", RedisLoginAttemptsContract::plusOne);
        attempts.signedIn("account u1 from 198.51.100.4", T0);
        attempts.fail("account u1 from 198.51.100.4", RedisLoginAttemptsContract::plusOne);

        Map<String, Long> ttls = keysWithTtl();
        assertThat(ttls).hasSize(3);
        assertThat(ttls.keySet()).allMatch(k -> k.matches(nodes.prefix() + ":\\{la:[A-Za-z0-9_-]{22}}"), "P:{la:<digest>}");
        assertThat(String.join(" ", ttls.keySet())).doesNotContain("198.51.100.4").doesNotContain("someone");
        List<Long> sorted = ttls.values().stream().sorted().toList();
        assertThat(sorted.get(0)).as("failures only: forgotten with them").isBetween(1L, FORGET_AFTER.toMillis());
        assertThat(sorted.get(1)).isBetween(1L, FORGET_AFTER.toMillis());
        assertThat(sorted.get(2)).as("a sign-in is kept as long as it makes its address known")
                .isBetween(FORGET_AFTER.toMillis() + 1, KNOWN_FOR.toMillis());
    }

    /** Every login-attempt key under the test's prefix, with its remaining time to live in ms. */
    private Map<String, Long> keysWithTtl() {
        Map<String, Long> found = new HashMap<>();
        try (RedisLink link = nodes.link()) {
            for (var master : link.masters()) {
                try (var jedis = link.open(master)) {
                    String cursor = ScanParams.SCAN_POINTER_START;
                    do {
                        ScanResult<String> page = jedis.scan(cursor,
                                new ScanParams().match(nodes.prefix() + ":{la:*").count(500));
                        page.getResult().forEach(k -> found.put(k, jedis.pttl(k)));
                        cursor = page.getCursor();
                    } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
                }
            }
        }
        return found;
    }
}

package org.appmsg.adapter.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.appmsg.adapter.persistence.SqlPersistence;
import org.appmsg.application.port.out.LoginAttempts;
import org.appmsg.domain.auth.LoginThrottle.Failures;
import org.junit.jupiter.api.Test;

/** The login attempts on the shared single Redis; and on a private one that goes away and comes back. */
class RedisLoginAttemptsIT extends RedisLoginAttemptsContract {

    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    @Override
    protected URI redis() {
        return RedisTestServers.shared();
    }

    @Test
    void while_redis_is_away_a_node_counts_in_its_own_memory_and_shares_again_once_it_is_back() {
        try (RedisTestServers.Instance redis = RedisTestServers.single();
                RedisNodes nodes = new RedisNodes(redis.uri()).withLeases(Duration.ofSeconds(3), Duration.ofSeconds(1))) {
            LoginAttempts one = nodes.start(1).loginAttempts(FORGET_AFTER, KNOWN_FOR, SqlPersistence.localLoginAttempts(100));
            LoginAttempts two = nodes.start(2).loginAttempts(FORGET_AFTER, KNOWN_FOR, SqlPersistence.localLoginAttempts(100));
            one.fail("address 203.0.113.5", f -> new Failures(f.count() + 1, T0));
            assertThat(two.failures("address 203.0.113.5").count()).isEqualTo(1);

            redis.stop();
            assertThat(one.fail("address 203.0.113.5", f -> new Failures(f.count() + 1, T0)).count())
                    .as("node 1 alone: it never counted this key in memory").isEqualTo(1);
            assertThat(one.fail("address 203.0.113.5", f -> new Failures(f.count() + 1, T0)).count()).isEqualTo(2);
            assertThat(two.failures("address 203.0.113.5")).as("node 2 never heard of it").isEqualTo(Failures.NONE);

            redis.start(); // empty: a restarted Redis without persistence
            RedisNodes.eventually(Duration.ofSeconds(15), () -> {
                one.fail("address 203.0.113.6", f -> new Failures(f.count() + 1, T0));
                assertThat(two.failures("address 203.0.113.6").count()).as("shared again").isPositive();
            });
        }
    }
}

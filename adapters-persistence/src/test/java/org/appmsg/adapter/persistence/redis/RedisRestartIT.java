package org.appmsg.adapter.persistence.redis;

import static org.appmsg.adapter.persistence.redis.RedisNodes.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.appmsg.domain.session.Session;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.Test;

/** Redis going away and coming back empty, under two nodes: they keep serving, reconnect and resync. */
class RedisRestartIT {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    private static final UserId ALICE = new UserId("alice");
    private static final SessionId PHONE = new SessionId(ALICE, "Android-1");
    private static final SessionId TAB = new SessionId(ALICE, "Mozilla-5-17");
    private static final SessionId PAD = new SessionId(ALICE, "iOS-7");
    private static final Duration BACK = Duration.ofSeconds(15);

    @Test
    void a_single_redis_restarted_empty() {
        try (RedisTestServers.Instance redis = RedisTestServers.single()) {
            outageAndReturn(redis.uri(), false, redis::stop, redis::start);
        }
    }

    @Test
    void a_redis_cluster_master_restarted_empty() {
        try (RedisTestServers.Cluster cluster = RedisTestServers.cluster(3)) {
            RedisTestServers.Instance master = cluster.masters().get(1);
            outageAndReturn(cluster.uri(), true, master::stop, () -> {
                master.start();
                cluster.awaitOk();
            });
        }
    }

    @Test
    void a_node_does_not_start_without_redis_and_says_why() {
        try (RedisTestServers.Instance redis = RedisTestServers.single()) {
            redis.stop();
            RedisPresence.Settings settings = new RedisPresence.Settings(redis.uri(), 1, RedisNodes.addresses(1));
            assertThatThrownBy(() -> RedisPresence.start(settings, new RedisPresence.BusListener() {}))
                    .isInstanceOf(StorageUnavailableException.class)
                    .hasMessageContaining("127.0.0.1:" + redis.port());
        }
    }

    private static void outageAndReturn(java.net.URI uri, boolean cluster, Runnable stop, Runnable start) {
        Counting ra = new Counting();
        Counting rb = new Counting();
        try (RedisNodes nodes = new RedisNodes(uri).withLeases(Duration.ofMillis(1500), Duration.ofMillis(300))) {
            RedisPresence a = nodes.start(1, ra);
            RedisPresence b = nodes.start(2, rb);
            // several users, so that on a cluster some of them live on the master that goes away
            for (int u = 0; u < 20; u++) {
                a.presence().open(new SessionId(new UserId("u" + u), "Android-1"), T0);
            }
            a.presence().open(PHONE, T0);
            b.presence().open(TAB, T0);
            eventually(Duration.ofSeconds(2), () -> assertThat(a.presence().sessionsOf(ALICE)).hasSize(2));

            stop.run();
            eventually(BACK, () -> assertThat(List.of(a.redisAvailable(), b.redisAvailable())).containsOnly(false));
            if (!cluster) { // on a cluster only one shard is away: its node channel may still work
                assertThatThrownBy(() -> a.send(2, new byte[] {1})).isInstanceOf(StorageUnavailableException.class);
            }
            a.presence().open(PAD, T0.plusSeconds(5));
            b.presence().close(TAB);
            assertThat(a.presence().sessionsOf(ALICE)).as("served from the replica")
                    .extracting(Session::id).containsExactlyInAnyOrder(PHONE, TAB, PAD);

            start.run();
            eventually(BACK, () -> assertThat(List.of(a.redisAvailable(), b.redisAvailable())).containsOnly(true));
            for (RedisPresence node : List.of(a, b)) {
                eventually(Duration.ofSeconds(3), () -> {
                    assertThat(node.presence().sessionsOf(ALICE)).extracting(Session::id)
                            .containsExactlyInAnyOrder(PHONE, PAD);
                    assertThat(node.presence().sessionsOf(new UserId("u19"))).hasSize(1);
                });
            }
            eventually(Duration.ofSeconds(2), () -> assertThat(List.of(ra.reconnected.get(), rb.reconnected.get()))
                    .allMatch(n -> n >= 1));
            a.send(2, new byte[] {7});
            eventually(Duration.ofSeconds(2), () -> assertThat(rb.messages.get()).isEqualTo(1));
        }
    }

    private static final class Counting implements RedisPresence.BusListener {
        final AtomicInteger reconnected = new AtomicInteger();
        final AtomicInteger messages = new AtomicInteger();

        @Override
        public void onReconnected() {
            reconnected.incrementAndGet();
        }

        @Override
        public void onMessage(int fromNode, byte[] payload) {
            messages.incrementAndGet();
        }
    }
}

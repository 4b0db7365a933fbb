package org.appmsg.adapter.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.appmsg.application.contract.SharedMetersContract;
import org.appmsg.application.port.out.SharedMeters;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.appmsg.domain.shared.CustomerId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shared quota meters on the shared single Redis; and on a private one that goes away. */
class RedisSharedMetersIT extends SharedMetersContract {

    private RedisNodes nodes;

    @Override
    protected SharedMeters meters() {
        nodes = new RedisNodes(RedisTestServers.shared());
        return nodes.start(1).sharedMeters();
    }

    @AfterEach
    void stopNodes() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void a_meter_expires_when_its_caller_says_and_fails_fast_while_redis_is_away() throws Exception {
        try (RedisTestServers.Instance redis = RedisTestServers.single();
                RedisNodes own = new RedisNodes(redis.uri()).withLeases(Duration.ofSeconds(3), Duration.ofSeconds(1))) {
            SharedMeters meters = own.start(1).sharedMeters();
            CustomerId c = new CustomerId("expiring");
            meters.create(c, "w", 1, Instant.now().plusMillis(300));
            assertThat(meters.count(c, new SharedMeters.Limit("w", 5), List.of(), 1))
                    .isEqualTo(new SharedMeters.Outcome.Counted());
            Thread.sleep(600);
            assertThat(meters.count(c, new SharedMeters.Limit("w", 5), List.of(), 1))
                    .isEqualTo(new SharedMeters.Outcome.Missing(List.of("w")));

            redis.stop();
            RedisNodes.eventually(Duration.ofSeconds(15), () -> assertThatThrownBy(
                    () -> meters.count(c, new SharedMeters.Limit("w", 5), List.of(), 1))
                    .isInstanceOf(StorageUnavailableException.class));
        }
    }
}

package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CheckReadinessServiceTest {

    @Test
    void a_node_alone_is_ready_while_its_database_answers() {
        AtomicBoolean database = new AtomicBoolean(true);
        var readiness = new CheckReadinessService(database::get);

        assertThat(readiness.problems()).isEmpty();
        database.set(false);
        assertThat(readiness.problems()).containsExactly("database unreachable");
    }

    @Test
    void a_node_of_a_cluster_is_not_ready_while_its_link_to_redis_is_down() {
        AtomicBoolean database = new AtomicBoolean(true);
        AtomicBoolean redis = new AtomicBoolean(false);
        var readiness = new CheckReadinessService(database::get, redis::get);

        assertThat(readiness.problems()).containsExactly("redis unreachable");
        database.set(false);
        assertThat(readiness.problems()).containsExactly("database unreachable", "redis unreachable");
        database.set(true);
        redis.set(true);
        assertThat(readiness.problems()).isEmpty();
    }
}

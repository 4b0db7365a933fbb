package org.appmsg.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.appmsg.domain.shared.TenantId;
import org.junit.jupiter.api.Test;

class SecureIdsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void ids_are_positive_and_increase() {
        SecureIds ids = new SecureIds(Clock.systemUTC(), 7);
        long previous = 0;
        for (int i = 0; i < 100_000; i++) {
            long id = ids.nextMessageId().value();
            assertThat(id).isGreaterThan(previous);
            previous = id;
        }
    }

    @Test
    void ids_stay_unique_when_threads_draw_them_at_once() throws Exception {
        SecureIds ids = new SecureIds(Clock.systemUTC(), 1);
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        List<Future<Integer>> workers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 8; t++) {
                workers.add(pool.submit(() -> {
                    int duplicates = 0;
                    for (int i = 0; i < 50_000; i++) {
                        duplicates += seen.add(ids.nextMessageId().value()) ? 0 : 1;
                    }
                    return duplicates;
                }));
            }
            for (Future<Integer> w : workers) {
                assertThat(w.get()).isZero();
            }
        }
        assertThat(seen).hasSize(8 * 50_000);
    }

    @Test
    void more_than_4096_ids_in_one_millisecond_and_a_clock_going_back_still_give_increasing_ids() {
        MutableClock clock = new MutableClock(NOW);
        SecureIds ids = new SecureIds(clock, 3);
        long previous = 0;
        for (int i = 0; i < 10_000; i++) {
            long id = ids.nextMessageId().value();
            assertThat(id).isGreaterThan(previous);
            previous = id;
        }
        clock.now = NOW.minus(Duration.ofMinutes(5));
        assertThat(ids.nextMessageId().value()).isGreaterThan(previous);
    }

    @Test
    void ids_follow_time_and_carry_the_node() {
        MutableClock clock = new MutableClock(NOW);
        long early = new SecureIds(clock, 1023).nextMessageId().value();
        clock.now = NOW.plusMillis(1);
        long later = new SecureIds(clock, 0).nextMessageId().value();
        assertThat(later).isGreaterThan(early);
        assertThat((early >>> 12) & 1023).isEqualTo(1023);
        assertThat(early >>> 22).isEqualTo(NOW.toEpochMilli() - SecureIds.EPOCH_MILLIS);
    }

    @Test
    void a_node_id_outside_ten_bits_is_refused() {
        assertThatThrownBy(() -> new SecureIds(Clock.systemUTC(), 1024)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void entity_ids_are_valid_domain_ids_and_do_not_repeat() {
        SecureIds ids = new SecureIds(Clock.systemUTC(), 7);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = ids.newEntityId();
            assertThat(new TenantId(id).value()).hasSize(20);
            assertThat(seen.add(id)).isTrue();
        }
    }

    @Test
    void secrets_carry_256_bits_as_unpadded_base64url() {
        SecureIds ids = new SecureIds(Clock.systemUTC(), 7);
        assertThat(ids.newSecret().value()).matches("[A-Za-z0-9_-]{43}");
        assertThat(ids.newSecret()).isNotEqualTo(ids.newSecret());
    }

    private static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}

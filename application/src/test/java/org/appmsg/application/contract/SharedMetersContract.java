package org.appmsg.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.appmsg.application.port.out.SharedMeters;
import org.appmsg.application.port.out.SharedMeters.Limit;
import org.appmsg.application.port.out.SharedMeters.Outcome;
import org.appmsg.domain.shared.CustomerId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What every {@link SharedMeters} does, whatever keeps the meters. */
public abstract class SharedMetersContract {

    private static final AtomicLong SEQ = new AtomicLong();
    private static final String RUN = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    private static final Instant LATER = Instant.now().plusSeconds(3600);

    private SharedMeters meters;

    /** The meters under test, asked for before each test; may be shared: each test uses customers of its own. */
    protected abstract SharedMeters meters();

    @BeforeEach
    void setUpMeters() {
        meters = meters();
    }

    @Test
    void a_missing_meter_is_named_and_nothing_is_counted_until_it_is_created() {
        CustomerId c = customer();
        meters.create(c, "tenant-day", 0, LATER);

        Outcome first = meters.count(c, new Limit("tenant-day", 5), List.of("customer-month"), 1);
        meters.create(c, "customer-month", 40, LATER);
        Outcome second = meters.count(c, new Limit("tenant-day", 5), List.of("customer-month"), 1);

        assertThat(first).isEqualTo(new Outcome.Missing(List.of("customer-month")));
        assertThat(second).isEqualTo(new Outcome.Counted());
        assertThat(meters.count(c, null, List.of("tenant-day", "customer-month"), 0)).isEqualTo(new Outcome.Counted());
        assertThat(meters.count(c, new Limit("customer-month", 41), List.of(), 1)).isEqualTo(new Outcome.Over(41));
    }

    @Test
    void the_deciding_meter_admits_below_its_limit_and_others_follow_every_count_and_refund() {
        CustomerId c = customer();
        meters.create(c, "w", 3, LATER);
        meters.create(c, "all", 10, LATER);

        assertThat(meters.count(c, new Limit("w", 5), List.of("all"), 1)).isEqualTo(new Outcome.Counted());
        assertThat(meters.count(c, new Limit("w", 5), List.of("all"), 1)).isEqualTo(new Outcome.Counted());
        assertThat(meters.count(c, new Limit("w", 5), List.of("all"), 1)).isEqualTo(new Outcome.Over(5));
        assertThat(meters.count(c, null, List.of("w", "all"), -1)).as("a refund").isEqualTo(new Outcome.Counted());
        assertThat(meters.count(c, new Limit("w", 5), List.of("all"), 1)).isEqualTo(new Outcome.Counted());
        assertThat(meters.count(c, new Limit("all", 12), List.of(), 1)).as("all = 10 + 1 + 1 - 1 + 1")
                .isEqualTo(new Outcome.Over(12));
    }

    @Test
    void creating_an_existing_meter_keeps_its_value_and_customers_do_not_share_meters() {
        CustomerId c = customer();
        CustomerId other = customer();
        meters.create(c, "w", 7, LATER);
        meters.create(c, "w", 0, LATER);
        meters.create(other, "w", 0, LATER);

        assertThat(meters.count(c, new Limit("w", 7), List.of(), 1)).isEqualTo(new Outcome.Over(7));
        assertThat(meters.count(other, new Limit("w", 7), List.of(), 1)).isEqualTo(new Outcome.Counted());
    }

    @Test
    @Timeout(60)
    void concurrent_counts_never_pass_the_limit() throws Exception {
        CustomerId c = customer();
        meters.create(c, "w", 0, LATER);
        meters.create(c, "sum", 0, LATER);
        int threads = 8;
        int perThread = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> admitted = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                admitted.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < perThread; i++) {
                        if (meters.count(c, new Limit("w", 250), List.of("sum"), 1) instanceof Outcome.Counted) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            int total = 0;
            for (Future<Integer> f : admitted) {
                total += f.get(50, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(250);
            assertThat(meters.count(c, new Limit("sum", 250), List.of(), 1)).isEqualTo(new Outcome.Over(250));
        } finally {
            pool.shutdownNow();
        }
    }

    private static CustomerId customer() {
        return new CustomerId("sm-" + RUN + "-" + SEQ.incrementAndGet());
    }
}

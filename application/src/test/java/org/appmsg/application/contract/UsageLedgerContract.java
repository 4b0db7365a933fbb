package org.appmsg.application.contract;

import org.appmsg.domain.quota.UsageCount;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.appmsg.application.port.out.UsageLedger;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link UsageLedger} does, whatever stores it. */
public abstract class UsageLedgerContract {

    private static final AtomicLong SEQ = new AtomicLong();
    private static final String RUN = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    private static final LocalDate D1 = LocalDate.of(2026, 12, 1);
    private static final TenantId T1 = new TenantId("t1");
    private static final TenantId T2 = new TenantId("t2");

    private UsageLedger ledger;

    /** The ledger under test, asked for before each test; may be shared: each test uses ids of its own. */
    protected abstract UsageLedger ledger();

    @BeforeEach
    void setUpLedger() {
        ledger = ledger();
    }

    private static CustomerId customer() {
        return new CustomerId("uc-" + RUN + "-" + SEQ.incrementAndGet());
    }

    @Test
    void counts_add_up_per_tenant_counter_key_and_day_and_sum_over_a_range() {
        CustomerId c = customer();
        ledger.add(List.of(new UsageCount(c, T1, "push_cnt", "@user", D1, 3),
                new UsageCount(c, T1, "push_cnt", "@user", D1.plusDays(1), 4),
                new UsageCount(c, T2, "push_cnt", "@user", D1, 10),
                new UsageCount(c, T1, "push_cnt", "@qun", D1, 100)));
        ledger.add(List.of(new UsageCount(c, T1, "push_cnt", "@user", D1, 2), new UsageCount(c, T1, "push_cnt", "@user", D1, -1)));

        assertThat(ledger.sum(c, Optional.of(T1), "push_cnt", "@user", D1, D1)).isEqualTo(4);
        assertThat(ledger.sum(c, Optional.of(T1), "push_cnt", "@user", D1, D1.plusDays(30))).isEqualTo(8);
        assertThat(ledger.sum(c, Optional.empty(), "push_cnt", "@user", D1, D1)).isEqualTo(14);
        assertThat(ledger.sum(c, Optional.empty(), "api_cnt", "@user", D1, D1)).isZero();
        assertThat(ledger.sum(customer(), Optional.empty(), "push_cnt", "@user", D1, D1)).isZero();
    }

    @Test
    void between_lists_the_rows_of_a_range_in_order() {
        CustomerId c = customer();
        ledger.add(List.of(new UsageCount(c, T2, "push_cnt", "@user", D1, 1),
                new UsageCount(c, T1, "push_cnt", "@user", D1.plusDays(1), 2),
                new UsageCount(c, T1, "api_cnt", "/app/client/device/push", D1, 3),
                new UsageCount(c, T1, "push_cnt", "@user", D1.plusDays(5), 9)));

        assertThat(ledger.between(Optional.of(c), D1, D1.plusDays(1))).containsExactly(
                new UsageCount(c, T1, "api_cnt", "/app/client/device/push", D1, 3),
                new UsageCount(c, T1, "push_cnt", "@user", D1.plusDays(1), 2),
                new UsageCount(c, T2, "push_cnt", "@user", D1, 1));
    }

    @Test
    void concurrent_adds_lose_nothing() throws Exception {
        CustomerId c = customer();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                done.add(pool.submit(() -> {
                    for (int j = 0; j < 25; j++) {
                        ledger.add(List.of(new UsageCount(c, T1, "push_cnt", "@user", D1, 1),
                                new UsageCount(c, T2, "push_cnt", "@user", D1, 2)));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ledger.sum(c, Optional.of(T1), "push_cnt", "@user", D1, D1)).isEqualTo(200);
        assertThat(ledger.sum(c, Optional.empty(), "push_cnt", "@user", D1, D1)).isEqualTo(600);
    }
}

package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.appmsg.application.fake.InMemoryQuotaStore;
import org.appmsg.application.fake.InMemorySharedMeters;
import org.appmsg.application.fake.InMemoryUsageLedger;
import org.appmsg.application.port.in.MeterCallsUseCase;
import org.appmsg.application.port.out.SharedMeters;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.appmsg.domain.quota.Admission;
import org.appmsg.domain.quota.Period;
import org.appmsg.domain.quota.Quota;
import org.appmsg.domain.quota.QuotaItem;
import org.appmsg.domain.quota.QuotaScope;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;
import org.junit.jupiter.api.Test;

class UsageMeterTest {

    private static final CustomerId C = new CustomerId("c1");
    private static final TenantId T1 = new TenantId("t1");
    private static final TenantId T2 = new TenantId("t2");
    private static final Instant NOON = Instant.parse("2026-12-04T12:00:00Z");

    private final InMemoryQuotaStore store = new InMemoryQuotaStore();
    private final InMemoryUsageLedger ledger = new InMemoryUsageLedger();
    private final AtomicReference<Instant> now = new AtomicReference<>(NOON);
    private final Clock clock = new SuppliedClock(now::get);

    private UsageMeter meter() {
        UsageMeter meter = new UsageMeter(store, ledger, clock);
        meter.refresh();
        return meter;
    }

    private void quota(QuotaScope scope, QuotaItem item, String key, Period period, long value) {
        store.put(new Quota(scope, item, key, period, value), NOON);
    }

    private static boolean push(UsageMeter meter, TenantId tenant) {
        return meter.admit(C, tenant, QuotaItem.PUSH_CNT, "@user") instanceof UsageMeter.Metered.Counted;
    }

    @Test
    void sixteen_threads_against_ten_thousand_admit_exactly_ten_thousand() throws Exception {
        quota(QuotaScope.tenant(C, T1), QuotaItem.API_CNT, "/app/client/device/push", Period.DAY, 10_000);
        UsageMeter meter = meter();
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            done.add(pool.submit(() -> {
                start.await();
                for (int j = 0; j < 1_000; j++) {
                    switch (meter.admit(C, T1, QuotaItem.API_CNT, "/app/client/device/push")) {
                        case UsageMeter.Metered.Counted counted -> admitted.incrementAndGet();
                        case UsageMeter.Metered.Over over -> {
                            assertThat(over.refusal().message()).isNotBlank();
                            refused.incrementAndGet();
                        }
                    }
                    if (j % 100 == 0) {
                        meter.flush(); // flushes race with counting too
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdownNow();
        meter.flush();

        assertThat(admitted.get()).isEqualTo(10_000);
        assertThat(refused.get()).isEqualTo(6_000);
        assertThat(ledger.sum(C, Optional.of(T1), "api_cnt", "/app/client/device/push", LocalDate.of(2026, 12, 4),
                LocalDate.of(2026, 12, 4))).isEqualTo(10_000);
    }

    @Test
    void three_nodes_sharing_meters_admit_exactly_the_limit_together_and_a_customer_wide_row_counts_every_tenant()
            throws Exception {
        String route = "/app/client/device/push";
        quota(QuotaScope.tenant(C, T1), QuotaItem.API_CNT, route, Period.DAY, 3_000);
        quota(QuotaScope.customerWide(C), QuotaItem.API_CNT, route, Period.DAY, 100_000);
        quota(QuotaScope.customerWide(C), QuotaItem.PUSH_CNT, "@user", Period.DAY, 5_000);
        InMemorySharedMeters shared = new InMemorySharedMeters();
        List<UsageMeter> nodes = List.of(sharedMeter(shared), sharedMeter(shared), sharedMeter(shared));
        AtomicInteger callsT1 = new AtomicInteger();
        AtomicInteger callsT2 = new AtomicInteger();
        AtomicInteger pushes = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            UsageMeter node = nodes.get(i % 3);
            TenantId tenant = i % 2 == 0 ? T1 : T2;
            AtomicInteger calls = tenant.equals(T1) ? callsT1 : callsT2;
            done.add(pool.submit(() -> {
                for (int j = 0; j < 1_000; j++) {
                    if (node.admit(C, tenant, QuotaItem.API_CNT, route) instanceof UsageMeter.Metered.Counted) {
                        calls.incrementAndGet();
                    }
                    if (push(node, tenant)) {
                        pushes.incrementAndGet();
                    }
                    if (j % 200 == 0) {
                        node.flush();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdownNow();
        nodes.forEach(UsageMeter::flush);

        assertThat(callsT1.get()).as("t1's own row decides t1's calls").isEqualTo(3_000);
        assertThat(callsT2.get()).as("t2 falls under the customer-wide row only").isEqualTo(6_000);
        assertThat(pushes.get()).as("a customer-wide limit for the tenants and nodes together").isEqualTo(5_000);
        String today = "2026-12-04";
        assertThat(shared.value(C, "*|api_cnt|" + route + "|day|" + today)).as("the wide row counted t1's calls too")
                .isEqualTo(9_000L);
        assertThat(ledger.sum(C, Optional.empty(), "push_cnt", "@user", LocalDate.of(2026, 12, 4),
                LocalDate.of(2026, 12, 4))).isEqualTo(5_000);
    }

    @Test
    void shared_meters_lost_are_rebuilt_from_the_ledger_and_unreachable_ones_leave_each_node_to_itself() {
        quota(QuotaScope.tenant(C, T1), QuotaItem.PUSH_CNT, "@user", Period.DAY, 4);
        InMemorySharedMeters shared = new InMemorySharedMeters();
        UsageMeter one = sharedMeter(shared);
        UsageMeter two = sharedMeter(shared);
        assertThat(push(one, T1)).isTrue();
        assertThat(push(two, T1)).isTrue();
        var refunded = (UsageMeter.Metered.Counted) one.admit(C, T1, QuotaItem.PUSH_CNT, "@user");
        one.refund(refunded.count());
        one.flush();
        two.flush();

        shared.lose(); // Redis restarted empty: the meters come back from the ledger (2 counted)
        assertThat(push(two, T1)).isTrue();
        assertThat(push(one, T1)).isTrue();
        assertThat(push(two, T1)).isFalse();
        assertThat(push(one, T1)).isFalse();

        UsageMeter alone = new UsageMeter(store, ledger, clock, Optional.of(new SharedMeters() {
            @Override
            public Outcome count(CustomerId customer, Limit limited, List<String> others, long n) {
                throw new StorageUnavailableException("Redis is away", null);
            }

            @Override
            public void create(CustomerId customer, String window, long used, java.time.Instant expiresAt) {
                throw new StorageUnavailableException("Redis is away", null);
            }
        }));
        alone.refresh();
        one.flush();
        two.flush();
        assertThat(push(alone, T1)).as("4 used in the ledger: refused on its own count too").isFalse();
    }

    private UsageMeter sharedMeter(InMemorySharedMeters shared) {
        UsageMeter meter = new UsageMeter(store, ledger, clock, Optional.of(shared));
        meter.refresh();
        return meter;
    }

    @Test
    void a_refused_push_is_not_counted_and_a_refund_gives_the_allowance_back() {
        quota(QuotaScope.tenant(C, T1), QuotaItem.PUSH_CNT, "@user", Period.DAY, 2);
        UsageMeter meter = meter();
        var first = (UsageMeter.Metered.Counted) meter.admit(C, T1, QuotaItem.PUSH_CNT, "@user");
        assertThat(push(meter, T1)).isTrue();
        assertThat(push(meter, T1)).isFalse();

        meter.refund(first.count());
        assertThat(push(meter, T1)).isTrue();
        assertThat(push(meter, T1)).isFalse();
        meter.flush();
        assertThat(ledger.sum(C, Optional.of(T1), "push_cnt", "@user", LocalDate.MIN, LocalDate.MAX)).isEqualTo(2);
    }

    @Test
    void a_day_quota_starts_again_the_next_local_day_in_the_customers_zone() {
        store.setZone(C, ZoneId.of("Asia/Shanghai"), NOON); // 12:00 UTC is 20:00 there
        quota(QuotaScope.tenant(C, T1), QuotaItem.PUSH_CNT, "@user", Period.DAY, 1);
        UsageMeter meter = meter();
        assertThat(push(meter, T1)).isTrue();
        now.set(NOON.plusSeconds(3 * 3600 + 59 * 60)); // 23:59 local
        assertThat(push(meter, T1)).isFalse();
        now.set(NOON.plusSeconds(4 * 3600)); // 00:00 local, the next day
        meter.flush();
        assertThat(push(meter, T1)).isTrue();
    }

    @Test
    void a_month_quota_counts_the_whole_calendar_month() {
        quota(QuotaScope.tenant(C, T1), QuotaItem.PUSH_CNT, "@user", Period.MONTH, 2);
        UsageMeter meter = meter();
        now.set(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(push(meter, T1)).isTrue();
        now.set(Instant.parse("2026-12-31T23:59:00Z"));
        assertThat(push(meter, T1)).isTrue();
        assertThat(push(meter, T1)).isFalse();
        now.set(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(push(meter, T1)).isTrue();
    }

    @Test
    void a_customer_wide_row_limits_all_tenants_together_and_a_tenant_row_overrides_it() {
        quota(QuotaScope.customerWide(C), QuotaItem.PUSH_CNT, "@user", Period.TOTAL, 3);
        quota(QuotaScope.tenant(C, new TenantId("t3")), QuotaItem.PUSH_CNT, "@user", Period.TOTAL, -1);
        UsageMeter meter = meter();
        assertThat(push(meter, T1)).isTrue();
        assertThat(push(meter, T2)).isTrue();
        assertThat(push(meter, T1)).isTrue();
        assertThat(push(meter, T2)).isFalse();
        assertThat(push(meter, new TenantId("t3"))).isTrue(); // its own unlimited row
    }

    @Test
    void no_row_is_unlimited_and_still_counted_for_reports() {
        UsageMeter meter = meter();
        for (int i = 0; i < 50; i++) {
            assertThat(push(meter, T1)).isTrue();
        }
        meter.flush();
        assertThat(ledger.sum(C, Optional.empty(), "push_cnt", "@user", LocalDate.MIN, LocalDate.MAX)).isEqualTo(50);
    }

    @Test
    void a_restart_continues_from_the_ledger_and_a_kill_loses_only_what_was_not_flushed() {
        quota(QuotaScope.tenant(C, T1), QuotaItem.PUSH_CNT, "@user", Period.DAY, 5);
        UsageMeter first = meter();
        push(first, T1);
        push(first, T1);
        push(first, T1);
        first.flush();
        push(first, T1); // never flushed: the node is killed here
        UsageMeter second = meter();

        assertThat(push(second, T1)).isTrue();
        assertThat(push(second, T1)).isTrue();
        assertThat(push(second, T1)).isFalse(); // 3 flushed + 2 new: the lost one is the bound docs/quotas.md states
    }

    @Test
    void a_raised_quota_applies_after_a_refresh() {
        quota(QuotaScope.tenant(C, T1), QuotaItem.PUSH_CNT, "@user", Period.DAY, 1);
        UsageMeter meter = meter();
        assertThat(push(meter, T1)).isTrue();
        assertThat(push(meter, T1)).isFalse();

        quota(QuotaScope.tenant(C, T1), QuotaItem.PUSH_CNT, "@user", Period.DAY, 2);
        meter.refresh();
        assertThat(push(meter, T1)).isTrue();
        assertThat(push(meter, T1)).isFalse();
    }

    @Test
    void an_expire_row_refuses_calls_from_its_deadline() {
        store.put(new Quota(QuotaScope.customerWide(C), QuotaItem.EXPIRE, "*", Period.TOTAL,
                NOON.plusSeconds(60).toEpochMilli()), NOON);
        UsageMeter meter = meter();
        assertThat(meter.admitTime(C, T1, "/app/client/device/push")).isInstanceOf(Admission.Admitted.class);
        now.set(NOON.plusSeconds(60));
        assertThat(meter.admitTime(C, T1, "/app/client/device/push")).isInstanceOf(Admission.Refused.class);
    }

    @Test
    void totals_per_customer_are_net_of_refunds_and_name_at_most_a_thousand_customers() {
        UsageMeter meter = meter();
        var counted = (UsageMeter.Metered.Counted) meter.admit(C, T1, QuotaItem.PUSH_CNT, "@user");
        meter.admit(C, T2, QuotaItem.PUSH_CNT, "@qun");
        meter.refund(counted.count());
        meter.admit(C, T1, QuotaItem.API_CNT, "/app/client/device/push");
        meter.record(C, T1, "recipients", "@qun", 40);
        meter.flush(); // flushing does not reset them: they are since the node started
        assertThat(meter.totals()).containsExactly(
                new MeterCallsUseCase.CustomerTotal("c1", "api_cnt", 1),
                new MeterCallsUseCase.CustomerTotal("c1", "push_cnt", 1),
                new MeterCallsUseCase.CustomerTotal("c1", "recipients", 40));

        for (int i = 0; i < MeterCallsUseCase.MAX_CUSTOMER_LABELS + 5; i++) {
            meter.admit(new CustomerId("x" + i), T1, QuotaItem.API_CNT, "/app/client/device/push");
        }
        var totals = meter.totals();
        assertThat(totals.stream().map(MeterCallsUseCase.CustomerTotal::customer).distinct())
                .hasSize(MeterCallsUseCase.MAX_CUSTOMER_LABELS + 1); // c1 and 999 others named, the rest as one
        assertThat(totals.get(0)).isEqualTo(new MeterCallsUseCase.CustomerTotal(MeterCallsUseCase.OTHER_CUSTOMERS,
                "api_cnt", 6));
    }
}

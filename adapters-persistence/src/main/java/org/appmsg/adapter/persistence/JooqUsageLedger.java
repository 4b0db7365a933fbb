package org.appmsg.adapter.persistence;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.appmsg.adapter.persistence.Tables.UsageCounts;
import org.appmsg.application.port.out.UsageLedger;
import org.appmsg.domain.quota.UsageCount;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * The {@link UsageLedger} port on jOOQ: table usage_count (V8), days as yyyymmdd integers. A batch is one
 * transaction of upserts in key order (concurrent flushes of two nodes then lock rows in the same order), run again
 * whole when two first inserts of one row race (H2's MERGE reports a duplicate key): it rolled back, so nothing
 * is added twice.
 */
final class JooqUsageLedger implements UsageLedger {

    private static final Comparator<UsageCount> KEY_ORDER = Comparator.comparing((UsageCount u) -> u.customer().value())
            .thenComparing(u -> u.tenant().value()).thenComparing(UsageCount::counter).thenComparing(UsageCount::key)
            .thenComparing(UsageCount::day);

    private final Database db;

    JooqUsageLedger(Database db) {
        this.db = db;
    }

    static int day(LocalDate day) {
        return day.getYear() * 10_000 + day.getMonthValue() * 100 + day.getDayOfMonth();
    }

    private static int bounded(LocalDate day) {
        if (day.getYear() < 1) {
            return 0;
        }
        return day.getYear() > 9999 ? 99_991_231 : day(day);
    }

    private static LocalDate date(int day) {
        return LocalDate.of(day / 10_000, day / 100 % 100, day % 100);
    }

    @Override
    public void add(Collection<UsageCount> counts) {
        if (counts.isEmpty()) {
            return;
        }
        List<UsageCount> ordered = new ArrayList<>(counts);
        ordered.sort(KEY_ORDER);
        db.transactionDecidingAgainOnDuplicates(dsl -> {
            for (UsageCount u : ordered) {
                dsl.insertInto(UsageCounts.TABLE)
                        .set(UsageCounts.CUSTOMER_ID, u.customer().value())
                        .set(UsageCounts.TENANT_ID, u.tenant().value())
                        .set(UsageCounts.COUNTER, u.counter())
                        .set(UsageCounts.KEY, u.key())
                        .set(UsageCounts.DAY, day(u.day()))
                        .set(UsageCounts.COUNT, u.count())
                        .onConflict(UsageCounts.CUSTOMER_ID, UsageCounts.TENANT_ID, UsageCounts.COUNTER,
                                UsageCounts.KEY, UsageCounts.DAY)
                        .doUpdate()
                        .set(UsageCounts.COUNT, UsageCounts.COUNT.plus(u.count()))
                        .execute();
            }
            return null;
        });
    }

    @Override
    public long sum(CustomerId customer, Optional<TenantId> tenant, String counter, String key, LocalDate first,
            LocalDate last) {
        Condition where = UsageCounts.CUSTOMER_ID.eq(customer.value())
                .and(tenant.map(t -> UsageCounts.TENANT_ID.eq(t.value())).orElse(DSL.noCondition()))
                .and(UsageCounts.COUNTER.eq(counter)).and(UsageCounts.KEY.eq(key))
                .and(UsageCounts.DAY.between(bounded(first), bounded(last)));
        Number sum = db.query(dsl -> dsl.select(DSL.sum(UsageCounts.COUNT)).from(UsageCounts.TABLE).where(where)
                .fetchOne(0, Number.class));
        return sum == null ? 0 : sum.longValue();
    }

    @Override
    public List<UsageCount> between(Optional<CustomerId> customer, LocalDate first, LocalDate last) {
        Condition where = customer.map(c -> UsageCounts.CUSTOMER_ID.eq(c.value())).orElse(DSL.noCondition())
                .and(UsageCounts.DAY.between(bounded(first), bounded(last)));
        return db.query(dsl -> dsl.select(UsageCounts.CUSTOMER_ID, UsageCounts.TENANT_ID, UsageCounts.COUNTER,
                        UsageCounts.KEY, UsageCounts.DAY, UsageCounts.COUNT)
                .from(UsageCounts.TABLE).where(where)
                .orderBy(UsageCounts.CUSTOMER_ID, UsageCounts.TENANT_ID, UsageCounts.COUNTER, UsageCounts.KEY,
                        UsageCounts.DAY)
                .fetch(r -> new UsageCount(new CustomerId(r.get(UsageCounts.CUSTOMER_ID)),
                        new TenantId(r.get(UsageCounts.TENANT_ID)), r.get(UsageCounts.COUNTER),
                        r.get(UsageCounts.KEY), date(r.get(UsageCounts.DAY)), r.get(UsageCounts.COUNT))));
    }
}

package org.appmsg.application.service;

import org.appmsg.domain.quota.UsageCount;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.appmsg.application.port.in.MeterCallsUseCase;
import org.appmsg.application.port.out.QuotaStore;
import org.appmsg.application.port.out.UsageLedger;
import org.appmsg.domain.quota.Admission;
import org.appmsg.domain.quota.Period;
import org.appmsg.domain.quota.Quota;
import org.appmsg.domain.quota.QuotaBook;
import org.appmsg.domain.quota.QuotaItem;
import org.appmsg.domain.quota.QuotaPolicy;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;

/**
 * Exact usage counting with atomic admission, in memory, flushed to the {@link UsageLedger}.
 *
 * <p>How it stays exact: every count goes into {@code pending} (per tenant, counter, key and local day), which
 * {@link #flush} moves into the ledger in one transaction (every second in the server: a {@code kill -9} loses at
 * most the counts since the last flush). A limited quota's current window has a <em>meter</em>: the window's usage,
 * loaded once from ledger plus pending, then kept up to date by every count it covers. Admission is a
 * compare-and-set on that meter, so the decision and the increment are one atomic step: 16 threads against a
 * limit of 10,000 admit exactly 10,000. A meter is loaded with every counter paused (write lock) and no flush
 * running, so it starts from a consistent sum; counting itself only takes the read lock.
 *
 * <p>One node: the meter holds this node's view. With several nodes each node admits against the ledger as of its
 * meter's load plus its own counts, so nodes together may exceed a limit by what the others counted since then;
 * leases of allowance between nodes are not built yet (docs/quotas.md).
 *
 * <p>Quota rows and time zones are re-read by {@link #refresh} (every 2 s in the server, at once after a change on
 * this node). Thread-safe.
 */
final class UsageMeter {

    private static final LocalDate LAST = LocalDate.of(9999, 12, 31);

    private record Window(CustomerId customer, Optional<TenantId> tenant, String counter, String key, Period period,
            LocalDate first) {}

    private record Pending(CustomerId customer, TenantId tenant, String counter, String key, LocalDate day) {}

    private record Total(String customer, String counter) {}

    /** What {@link #admit} decided: counted (the count, for a {@link #refund}), or over a quota and not counted. */
    sealed interface Metered {
        record Counted(UsageCount count) implements Metered {}

        record Over(Admission.Refused refusal) implements Metered {}
    }

    private final QuotaStore store;
    private final UsageLedger ledger;
    private final Clock clock;
    private final Map<Window, AtomicLong> meters = new ConcurrentHashMap<>();
    private final Map<Pending, AtomicLong> pending = new ConcurrentHashMap<>();
    /** Per customer label and counter, what this node counted since it started: {@link #totals}. */
    private final Map<Total, LongAdder> totals = new ConcurrentHashMap<>();
    private final Set<CustomerId> labelled = ConcurrentHashMap.newKeySet();
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final Object flushing = new Object();
    private volatile QuotaBook book = QuotaBook.EMPTY;
    private volatile Map<CustomerId, ZoneId> zones = Map.of();

    UsageMeter(QuotaStore store, UsageLedger ledger, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Re-reads quota rows and time zones; a changed zone drops every meter (they are reloaded in the new zone). */
    public void refresh() {
        List<Quota> rows = store.quotas();
        Map<CustomerId, ZoneId> newZones = Map.copyOf(store.zones());
        synchronized (flushing) {
            gate.writeLock().lock();
            try {
                if (!newZones.equals(zones)) {
                    meters.clear();
                }
                zones = newZones;
                book = new QuotaBook(rows);
            } finally {
                gate.writeLock().unlock();
            }
        }
    }

    public QuotaBook book() {
        return book;
    }

    public ZoneId zone(CustomerId customer) {
        return zones.getOrDefault(customer, ZoneOffset.UTC);
    }

    /** The {@code expire} rule for a call of {@code route} now. */
    public Admission admitTime(CustomerId customer, TenantId tenant, String route) {
        return QuotaPolicy.admitTime(book.expiry(customer, tenant, route), clock.instant());
    }

    /** Admits and counts one {@code item}/{@code key} for the tenant atomically, or refuses it and counts nothing. */
    public Metered admit(CustomerId customer, TenantId tenant, QuotaItem item, String key) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone(customer));
        Optional<Quota> quota = book.applying(customer, tenant, item, key);
        Optional<Window> limiting = quota.filter(q -> !q.unlimited())
                .map(q -> new Window(customer, q.scope().tenant(), item.wire(), key, q.period(),
                        q.period().firstDay(today)));
        AtomicLong meter = limiting.map(w -> meter(w, today)).orElse(null);
        gate.readLock().lock();
        try {
            if (meter != null) {
                long used;
                do {
                    used = meter.get();
                    if (QuotaPolicy.admitCount(quota, used) instanceof Admission.Refused r) {
                        return new Metered.Over(r);
                    }
                } while (!meter.compareAndSet(used, used + 1));
            }
            UsageCount count = new UsageCount(customer, tenant, item.wire(), key, today, 1);
            add(count, 1, limiting.orElse(null));
            return new Metered.Counted(count);
        } finally {
            gate.readLock().unlock();
        }
    }

    /**
     * Counts {@code n} of a counter no quota limits (stored recipients) for the tenant, on today's local day: an
     * in-memory add, flushed with the rest.
     */
    public void record(CustomerId customer, TenantId tenant, String counter, String key, long n) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone(customer));
        gate.readLock().lock();
        try {
            add(new UsageCount(customer, tenant, counter, key, today, n), 1, null);
        } finally {
            gate.readLock().unlock();
        }
    }

    /** Takes back an admitted count: the call it admitted did not go through. */
    public void refund(UsageCount count) {
        gate.readLock().lock();
        try {
            add(count, -1, null);
        } finally {
            gate.readLock().unlock();
        }
    }

    /** Adds {@code sign * count.n} to pending and to every loaded meter covering it but {@code admitted}. */
    private void add(UsageCount count, int sign, Window admitted) {
        long n = sign * count.count();
        pending.computeIfAbsent(new Pending(count.customer(), count.tenant(), count.counter(), count.key(),
                count.day()), k -> new AtomicLong()).addAndGet(n);
        totals.computeIfAbsent(new Total(label(count.customer()), count.counter()), k -> new LongAdder()).add(n);
        if (meters.isEmpty()) {
            return;
        }
        for (Optional<TenantId> level : List.of(Optional.of(count.tenant()), Optional.<TenantId>empty())) {
            for (Period period : Period.values()) {
                Window w = new Window(count.customer(), level, count.counter(), count.key(), period,
                        period.firstDay(count.day()));
                if (w.equals(admitted)) {
                    continue;
                }
                AtomicLong m = meters.get(w);
                if (m != null) {
                    m.addAndGet(n);
                }
            }
        }
    }

    /** The customer's label in {@link #totals}: its id for the first customers counted, then one for the rest. */
    private String label(CustomerId customer) {
        if (labelled.contains(customer)
                || (labelled.size() < MeterCallsUseCase.MAX_CUSTOMER_LABELS && labelled.add(customer))) {
            return customer.value();
        }
        return MeterCallsUseCase.OTHER_CUSTOMERS;
    }

    /** What this node counted since it started, per customer label and counter, net of refunds. */
    public List<MeterCallsUseCase.CustomerTotal> totals() {
        return totals.entrySet().stream()
                .map(e -> new MeterCallsUseCase.CustomerTotal(e.getKey().customer(), e.getKey().counter(),
                        e.getValue().sum()))
                .sorted(Comparator.comparing(MeterCallsUseCase.CustomerTotal::customer)
                        .thenComparing(MeterCallsUseCase.CustomerTotal::counter))
                .toList();
    }

    private AtomicLong meter(Window w, LocalDate today) {
        AtomicLong m = meters.get(w);
        if (m != null) {
            return m;
        }
        synchronized (flushing) {
            m = meters.get(w);
            if (m != null) {
                return m;
            }
            LocalDate last = last(w.period(), today);
            // Read before pausing the counters: only a flush changes the ledger, and none runs while we hold
            // `flushing`, so what is counted meanwhile is still pending and summed below.
            long fromLedger = ledger.sum(w.customer(), w.tenant(), w.counter(), w.key(), w.first(), last);
            gate.writeLock().lock();
            try {
                long used = fromLedger;
                for (Map.Entry<Pending, AtomicLong> e : pending.entrySet()) {
                    Pending p = e.getKey();
                    if (p.customer().equals(w.customer()) && w.tenant().map(p.tenant()::equals).orElse(true)
                            && p.counter().equals(w.counter()) && p.key().equals(w.key())
                            && !p.day().isBefore(w.first()) && !p.day().isAfter(last)) {
                        used += e.getValue().get();
                    }
                }
                m = new AtomicLong(used);
                meters.put(w, m);
                return m;
            } finally {
                gate.writeLock().unlock();
            }
        }
    }

    private static LocalDate last(Period period, LocalDate today) {
        return switch (period) {
            case TOTAL -> LAST;
            case MONTH -> today.withDayOfMonth(today.lengthOfMonth());
            case DAY -> today;
        };
    }

    /**
     * Moves every pending count into the ledger in one transaction and drops meters of windows that are over. On a
     * storage failure the counts stay pending (the next flush tries again) and the failure is thrown.
     */
    public void flush() {
        synchronized (flushing) {
            List<UsageCount> batch = new ArrayList<>();
            gate.writeLock().lock();
            try {
                pending.forEach((p, v) -> {
                    long n = v.getAndSet(0);
                    if (n != 0) {
                        batch.add(new UsageCount(p.customer(), p.tenant(), p.counter(), p.key(), p.day(), n));
                    }
                });
                pending.clear();
                Instant now = clock.instant();
                meters.keySet().removeIf(w -> !w.first().equals(
                        w.period().firstDay(LocalDate.ofInstant(now, zone(w.customer())))));
            } finally {
                gate.writeLock().unlock();
            }
            if (batch.isEmpty()) {
                return;
            }
            try {
                ledger.add(batch);
            } catch (RuntimeException e) {
                gate.readLock().lock();
                try {
                    for (UsageCount u : batch) {
                        pending.computeIfAbsent(new Pending(u.customer(), u.tenant(), u.counter(), u.key(), u.day()),
                                k -> new AtomicLong()).addAndGet(u.count());
                    }
                } finally {
                    gate.readLock().unlock();
                }
                throw e;
            }
        }
    }

    /** The usage of {@code quota}'s current window: ledger plus what is pending (flushes first). */
    public long used(Quota quota) {
        flush();
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone(quota.scope().customer()));
        return ledger.sum(quota.scope().customer(), quota.scope().tenant(), quota.item().wire(), quota.key(),
                quota.period().firstDay(today), last(quota.period(), today));
    }
}

package org.appmsg.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
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
import org.appmsg.application.port.out.SharedMeters;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.appmsg.application.port.out.UsageLedger;
import org.appmsg.domain.quota.Admission;
import org.appmsg.domain.quota.Period;
import org.appmsg.domain.quota.Quota;
import org.appmsg.domain.quota.QuotaBook;
import org.appmsg.domain.quota.QuotaItem;
import org.appmsg.domain.quota.QuotaPolicy;
import org.appmsg.domain.quota.UsageCount;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>A cluster ({@link SharedMeters} given): a count that a limited quota row covers is admitted against meters
 * every node shares (the deciding row's window checked and counted, the other covering windows counted, in one
 * atomic step), so the nodes together admit exactly the limit. A shared meter is created from the ledger plus this
 * node's pending counts when it is first needed (or was lost with Redis): what other nodes counted in the last
 * second before that, not yet flushed, is missed once. While the shared meters cannot be reached, each node admits
 * against its own meters as a node alone does, and says so in its log. Calls no limited row covers never touch
 * the shared meters.
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

    private static final Logger LOG = LoggerFactory.getLogger(UsageMeter.class);
    private static final long WARN_EVERY_NANOS = 10_000_000_000L;
    /** A TOTAL window's shared meter is rebuilt from the ledger this long after it was created. */
    private static final Duration TOTAL_METER_LIFETIME = Duration.ofDays(30);

    private final QuotaStore store;
    private final UsageLedger ledger;
    private final Clock clock;
    private final Optional<SharedMeters> shared;
    private final AtomicLong lastSharedWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    private final Map<Window, AtomicLong> meters = new ConcurrentHashMap<>();
    private final Map<Pending, AtomicLong> pending = new ConcurrentHashMap<>();
    /** Per customer label and counter, what this node counted since it started: {@link #totals}. */
    private final Map<Total, LongAdder> totals = new ConcurrentHashMap<>();
    private final Set<CustomerId> labelled = ConcurrentHashMap.newKeySet();
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final Object flushing = new Object();
    private volatile QuotaBook book = QuotaBook.EMPTY;
    private volatile Map<CustomerId, ZoneId> zones = Map.of();

    /** A node alone: its own meters are exact. */
    UsageMeter(QuotaStore store, UsageLedger ledger, Clock clock) {
        this(store, ledger, clock, Optional.empty());
    }

    /** A node of a cluster when {@code shared} is given: limits hold across the nodes that share it. */
    UsageMeter(QuotaStore store, UsageLedger ledger, Clock clock, Optional<SharedMeters> shared) {
        this.store = Objects.requireNonNull(store, "store");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.shared = Objects.requireNonNull(shared, "shared");
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
        Optional<Metered> sharedAnswer = admitShared(customer, tenant, item, key, today, quota);
        if (sharedAnswer.isPresent()) {
            return sharedAnswer.get();
        }
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

    /**
     * Admits against the shared meters: empty when there are none, when no limited row covers the count (nothing
     * to share), or when they cannot be reached (the caller then admits on this node alone). Counted: also added to
     * pending, for the ledger.
     */
    private Optional<Metered> admitShared(CustomerId customer, TenantId tenant, QuotaItem item, String key,
            LocalDate today, Optional<Quota> deciding) {
        if (shared.isEmpty()) {
            return Optional.empty();
        }
        List<Quota> counting = book.counting(customer, tenant, item, key);
        if (counting.isEmpty()) {
            return Optional.empty();
        }
        Quota decides = deciding.filter(counting::contains).orElse(null);
        try {
            SharedMeters.Outcome outcome = countShared(customer, item.wire(), key, today, counting, decides, 1);
            if (outcome instanceof SharedMeters.Outcome.Over over
                    && QuotaPolicy.admitCount(deciding, over.used()) instanceof Admission.Refused refused) {
                return Optional.of(new Metered.Over(refused));
            }
        } catch (StorageUnavailableException e) {
            warnShared(e);
            return Optional.empty();
        }
        UsageCount count = new UsageCount(customer, tenant, item.wire(), key, today, 1);
        gate.readLock().lock();
        try {
            add(count, 1, null);
        } finally {
            gate.readLock().unlock();
        }
        return Optional.of(new Metered.Counted(count));
    }

    /**
     * Counts {@code n} in the shared meters of the {@code counting} rows' current windows ({@code decides}'s window
     * checked first, when given), creating the missing meters from the ledger once and trying again.
     */
    private SharedMeters.Outcome countShared(CustomerId customer, String counter, String key, LocalDate today,
            List<Quota> counting, Quota decides, long n) {
        SharedMeters meters = shared.orElseThrow();
        Map<String, Window> windows = new LinkedHashMap<>();
        for (Quota q : counting) {
            windows.put(sharedName(q, counter, today), new Window(customer, q.scope().tenant(), counter, key,
                    q.period(), q.period().firstDay(today)));
        }
        SharedMeters.Limit limit = decides == null ? null
                : new SharedMeters.Limit(sharedName(decides, counter, today), decides.value());
        List<String> others = windows.keySet().stream().filter(w -> limit == null || !w.equals(limit.window()))
                .toList();
        SharedMeters.Outcome outcome = meters.count(customer, limit, others, n);
        if (outcome instanceof SharedMeters.Outcome.Missing missing) {
            for (String name : missing.windows()) {
                Window w = windows.get(name);
                meters.create(customer, name, usedNow(w, today), sharedMeterExpiry(w, today));
            }
            outcome = meters.count(customer, limit, others, n);
        }
        return outcome;
    }

    /** A shared meter's name within its customer: the row's level, the counter, key, period and window. */
    private static String sharedName(Quota q, String counter, LocalDate today) {
        return q.scope().tenant().map(TenantId::value).orElse("*") + "|" + counter + "|" + q.key() + "|"
                + q.period().wire() + "|" + q.period().firstDay(today);
    }

    /** A day after the window's last day ends (a TOTAL window's meter is rebuilt from the ledger now and then). */
    private Instant sharedMeterExpiry(Window w, LocalDate today) {
        if (w.period() == Period.TOTAL) {
            return clock.instant().plus(TOTAL_METER_LIFETIME);
        }
        return last(w.period(), today).plusDays(2).atStartOfDay(zone(w.customer())).toInstant();
    }

    private void warnShared(StorageUnavailableException e) {
        long now = System.nanoTime();
        long last = lastSharedWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastSharedWarning.compareAndSet(last, now)) {
            LOG.warn("quotas: the shared meters cannot be reached ({}); admitting against this node's own counts,"
                    + " so the nodes together may pass a limit until they are back; further such warnings within"
                    + " 10 s are not logged", e.getMessage());
        }
    }

    /** Takes back an admitted count: the call it admitted did not go through. */
    public void refund(UsageCount count) {
        Optional<QuotaItem> item = QuotaItem.of(count.counter());
        if (shared.isPresent() && item.isPresent()) {
            List<Quota> counting = book.counting(count.customer(), count.tenant(), item.get(), count.key());
            if (!counting.isEmpty()) {
                try {
                    countShared(count.customer(), count.counter(), count.key(), count.day(), counting, null,
                            -count.count());
                } catch (StorageUnavailableException e) {
                    warnShared(e);
                }
            }
        }
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
            m = new AtomicLong(usedNow(w, today));
            meters.put(w, m);
            return m;
        }
    }

    /** The window's usage now: the ledger plus what this node has pending, a consistent sum. */
    private long usedNow(Window w, LocalDate today) {
        synchronized (flushing) {
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
                return used;
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

package org.appmsg.application.fake;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.appmsg.application.port.out.UsageLedger;
import org.appmsg.domain.quota.UsageCount;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;

public final class InMemoryUsageLedger implements UsageLedger {

    private record Key(String customer, String tenant, String counter, String key, LocalDate day)
            implements Comparable<Key> {
        private static final Comparator<Key> ORDER = Comparator.comparing(Key::customer).thenComparing(Key::tenant)
                .thenComparing(Key::counter).thenComparing(Key::key).thenComparing(Key::day);

        @Override
        public int compareTo(Key o) {
            return ORDER.compare(this, o);
        }
    }

    private final ConcurrentSkipListMap<Key, Long> rows = new ConcurrentSkipListMap<>();

    @Override
    public synchronized void add(Collection<UsageCount> counts) {
        for (UsageCount u : counts) {
            rows.merge(new Key(u.customer().value(), u.tenant().value(), u.counter(), u.key(), u.day()), u.count(),
                    Long::sum);
        }
    }

    @Override
    public synchronized long sum(CustomerId customer, Optional<TenantId> tenant, String counter, String key,
            LocalDate first, LocalDate last) {
        return rows.entrySet().stream()
                .filter(e -> e.getKey().customer().equals(customer.value())
                        && tenant.map(t -> t.value().equals(e.getKey().tenant())).orElse(true)
                        && e.getKey().counter().equals(counter) && e.getKey().key().equals(key)
                        && !e.getKey().day().isBefore(first) && !e.getKey().day().isAfter(last))
                .mapToLong(e -> e.getValue()).sum();
    }

    @Override
    public synchronized List<UsageCount> between(Optional<CustomerId> customer, LocalDate first, LocalDate last) {
        return rows.entrySet().stream()
                .filter(e -> customer.map(c -> c.value().equals(e.getKey().customer())).orElse(true)
                        && !e.getKey().day().isBefore(first) && !e.getKey().day().isAfter(last))
                .map(e -> new UsageCount(new CustomerId(e.getKey().customer()), new TenantId(e.getKey().tenant()),
                        e.getKey().counter(), e.getKey().key(), e.getKey().day(), e.getValue()))
                .toList();
    }
}

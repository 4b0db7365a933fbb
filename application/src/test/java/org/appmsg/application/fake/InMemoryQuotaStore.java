package org.appmsg.application.fake;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.appmsg.application.port.out.QuotaStore;
import org.appmsg.domain.quota.Quota;
import org.appmsg.domain.quota.QuotaItem;
import org.appmsg.domain.quota.QuotaScope;
import org.appmsg.domain.shared.CustomerId;

public final class InMemoryQuotaStore implements QuotaStore {

    private record Key(QuotaScope scope, QuotaItem item, String key) {}

    private final Map<Key, Quota> rows = new ConcurrentHashMap<>();
    private final Map<CustomerId, ZoneId> zones = new ConcurrentHashMap<>();

    @Override
    public List<Quota> quotas() {
        return rows.values().stream()
                .sorted(Comparator.comparing((Quota q) -> q.scope().customer().value())
                        .thenComparing(q -> q.scope().tenantWire())
                        .thenComparing(q -> q.item().wire())
                        .thenComparing(Quota::key))
                .toList();
    }

    @Override
    public void put(Quota quota, Instant at) {
        rows.put(new Key(quota.scope(), quota.item(), quota.key()), quota);
    }

    @Override
    public boolean delete(QuotaScope scope, QuotaItem item, String key) {
        return rows.remove(new Key(scope, item, key)) != null;
    }

    @Override
    public Map<CustomerId, ZoneId> zones() {
        return Map.copyOf(zones);
    }

    @Override
    public void setZone(CustomerId customer, ZoneId zone, Instant at) {
        zones.put(customer, zone);
    }
}

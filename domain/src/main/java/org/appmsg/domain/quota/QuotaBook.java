package org.appmsg.domain.quota;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;

/**
 * Every quota row at one moment, indexed for the lookup each counted call makes: the tenant's own row for
 * (item, key) if it has one, else its customer's {@code *} row. For {@code expire}, a route's row before the
 * {@code *}-route row, at each level. Immutable.
 */
public final class QuotaBook {

    public static final QuotaBook EMPTY = new QuotaBook(List.of());

    private record Key(CustomerId customer, Optional<TenantId> tenant, QuotaItem item, String key) {}

    private final Map<Key, Quota> rows = new HashMap<>();
    private final List<Quota> all;

    public QuotaBook(Collection<Quota> quotas) {
        for (Quota q : quotas) {
            rows.put(new Key(q.scope().customer(), q.scope().tenant(), q.item(), q.key()), q);
        }
        this.all = List.copyOf(rows.values());
    }

    public List<Quota> all() {
        return all;
    }

    /** The row limiting {@code item}/{@code key} for a caller of {@code tenant} of {@code customer}. */
    public Optional<Quota> applying(CustomerId customer, TenantId tenant, QuotaItem item, String key) {
        Quota own = rows.get(new Key(customer, Optional.of(tenant), item, key));
        if (own != null) {
            return Optional.of(own);
        }
        return Optional.ofNullable(rows.get(new Key(customer, Optional.empty(), item, key)));
    }

    /**
     * The limited rows that count a call of {@code item}/{@code key} by a caller of {@code tenant}: the tenant's own
     * and the customer-wide one (which sums all the customer's tenants, so it counts this call even when the
     * tenant's own row is the one that decides). Unlimited rows are left out.
     */
    public List<Quota> counting(CustomerId customer, TenantId tenant, QuotaItem item, String key) {
        List<Quota> counting = new ArrayList<>(2);
        for (Optional<TenantId> level : List.of(Optional.of(tenant), Optional.<TenantId>empty())) {
            Quota q = rows.get(new Key(customer, level, item, key));
            if (q != null && !q.unlimited()) {
                counting.add(q);
            }
        }
        return counting;
    }

    /** The {@code expire} row for {@code route}: the route's own, else the {@code *} one; tenant before customer. */
    public Optional<Quota> expiry(CustomerId customer, TenantId tenant, String route) {
        for (Optional<TenantId> level : List.of(Optional.of(tenant), Optional.<TenantId>empty())) {
            Quota q = rows.get(new Key(customer, level, QuotaItem.EXPIRE, route));
            if (q == null) {
                q = rows.get(new Key(customer, level, QuotaItem.EXPIRE, Quota.ALL_ROUTES));
            }
            if (q != null) {
                return Optional.of(q);
            }
        }
        return Optional.empty();
    }
}

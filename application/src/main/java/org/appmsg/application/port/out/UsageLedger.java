package org.appmsg.application.port.out;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.appmsg.domain.quota.UsageCount;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;

/**
 * Durable usage counts, one per (customer, tenant, counter, key, local day): what reports and bills are made from.
 * {@code counter} is {@code api_cnt} (key: the route), {@code push_cnt} (key: the push type) or {@code recipients}
 * (key: the push type; stored recipients of those pushes).
 *
 * <p>Thread-safety: any thread. {@link #add} is atomic: all of a batch is added, or (it throws
 * {@link StorageUnavailableException}) none of it.
 */
public interface UsageLedger {

    /** Adds every count to what is stored, in one transaction. */
    void add(Collection<UsageCount> counts);

    /**
     * The sum of {@code counter}/{@code key} from {@code first} to {@code last} (both included), for one tenant, or
     * (tenant empty) for every tenant of the customer.
     */
    long sum(CustomerId customer, Optional<TenantId> tenant, String counter, String key, LocalDate first,
            LocalDate last);

    /**
     * The stored counts from {@code first} to {@code last}, for one customer or (empty) all, ordered by customer,
     * tenant, counter, key, day.
     */
    List<UsageCount> between(Optional<CustomerId> customer, LocalDate first, LocalDate last);

}

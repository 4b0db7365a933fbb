package org.appmsg.application.port.in;

import org.appmsg.domain.quota.UsageCount;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.appmsg.application.port.out.UsageLedger;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.quota.Quota;
import org.appmsg.domain.quota.QuotaItem;
import org.appmsg.domain.quota.QuotaScope;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;

/**
 * The operator's quotas and the usage reports (R5). Only the operator (admin key, checked by the driving adapter)
 * sets quotas; an application may read its own tenant's quotas and usage. A change is seen by this node at once
 * and by every other node within 5 s. Reads of usage flush this node's pending counts first, so a report made on
 * the node that counted is exact.
 */
public interface ManageQuotasUseCase {

    /** A quota and its current window's usage; {@code remaining} is -1 when unlimited (or for expire). */
    record QuotaUsage(Quota quota, long used, long remaining) {
        public QuotaUsage {
            Objects.requireNonNull(quota, "quota");
        }
    }

    sealed interface Change {
        record Done() implements Change {}

        /** The customer, or the tenant within it, does not exist; nothing changed. */
        record NotFound(String message) implements Change {}
    }

    /** Creates or replaces the row of the quota's scope, item and key. */
    Change put(Quota quota);

    /** Deletes that row (after which the item is unlimited, unless a customer-wide row applies). */
    Change delete(QuotaScope scope, QuotaItem item, String key);

    Change setZone(CustomerId customer, ZoneId zone);

    /** The customer's rows (of one tenant, with its customer-wide rows, when {@code tenant} is given) with usage. */
    List<QuotaUsage> list(CustomerId customer, Optional<TenantId> tenant);

    /** Stored usage from {@code first} to {@code last} (local days), of one customer or all. */
    List<UsageCount> usage(Optional<CustomerId> customer, LocalDate first, LocalDate last);

    /** What an application reads about itself: its tenant's quotas with usage; empty for a bad token. */
    Optional<List<QuotaUsage>> ownUsage(Secret applicationToken);
}

package org.appmsg.application.port.out;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.appmsg.domain.quota.Quota;
import org.appmsg.domain.quota.QuotaItem;
import org.appmsg.domain.quota.QuotaScope;
import org.appmsg.domain.shared.CustomerId;

/**
 * The quota rows the operator sets, and each customer's time zone for calendar periods (UTC until set). One row
 * per (scope, item, key): a put replaces. Small: every node reads it whole every few seconds.
 *
 * <p>Thread-safety: any thread; a change is seen by every later read on any node. Failures surface as
 * {@link StorageUnavailableException}; then the call changed nothing.
 */
public interface QuotaStore {

    /** Every row, ordered by customer, tenant, item, key. */
    List<Quota> quotas();

    /** Creates or replaces the row of {@code quota}'s scope, item and key. */
    void put(Quota quota, Instant at);

    /** Deletes that row; false when there was none. */
    boolean delete(QuotaScope scope, QuotaItem item, String key);

    /** The time zones set so far, by customer. */
    Map<CustomerId, ZoneId> zones();

    void setZone(CustomerId customer, ZoneId zone, Instant at);
}

package org.appmsg.domain.quota;

import java.time.LocalDate;
import java.util.Objects;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;

/**
 * {@code count} of one counter for one tenant on one local day (in the customer's zone). {@code counter} is
 * {@code api_cnt} (key: the route), {@code push_cnt} (key: the push type) or {@code recipients} (key: the push
 * type). A negative count takes back what was counted.
 */
public record UsageCount(CustomerId customer, TenantId tenant, String counter, String key, LocalDate day,
        long count) {

    /** The counter of calls; key: the route. */
    public static final String API_CNT = QuotaItem.API_CNT.wire();
    /** The counter of pushes; key: the push type. */
    public static final String PUSH_CNT = QuotaItem.PUSH_CNT.wire();
    /** The counter of recipients stored by pushes; key: the push type. */
    public static final String RECIPIENTS = "recipients";

    public UsageCount {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(counter, "counter");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(day, "day");
    }
}

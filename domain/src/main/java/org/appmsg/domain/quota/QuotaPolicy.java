package org.appmsg.domain.quota;

import java.time.Instant;
import java.util.Optional;

/** The rules deciding a call against the quota row that applies to it. Pure: the caller supplies usage and time. */
public final class QuotaPolicy {

    private QuotaPolicy() {}

    /**
     * Whether one more call or push may go, {@code used} being the count already admitted in the row's current
     * period. No row, an unlimited row: admitted.
     */
    public static Admission admitCount(Optional<Quota> quota, long used) {
        if (quota.isEmpty() || quota.get().unlimited()) {
            return new Admission.Admitted(-1);
        }
        Quota q = quota.get();
        if (used >= q.value()) {
            return new Admission.Refused(q, "over quota " + q.label() + ": " + q.value() + " used");
        }
        return new Admission.Admitted(q.value() - used - 1);
    }

    /** Whether a call at {@code now} is within an {@code expire} row's deadline (no row: always). */
    public static Admission admitTime(Optional<Quota> expire, Instant now) {
        if (expire.isPresent() && !now.isBefore(expire.get().deadline())) {
            return new Admission.Refused(expire.get(), "quota " + expire.get().label() + " expired at "
                    + expire.get().deadline());
        }
        return new Admission.Admitted(-1);
    }
}

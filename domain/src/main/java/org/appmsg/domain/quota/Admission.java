package org.appmsg.domain.quota;

import java.util.Objects;

/**
 * What the quota policy decided for one call or push: {@link Admitted} (go ahead; count it), or {@link Refused}
 * (nothing may change and nothing is counted). A missing row and {@code -1} both admit: the legacy server's
 * deny-by-default on a missing row was a defect.
 */
public sealed interface Admission {

    /** Go ahead; {@code remaining} after this call, or -1 when no limit applies. */
    record Admitted(long remaining) implements Admission {}

    /** Over {@code quota}; {@code message} names it. */
    record Refused(Quota quota, String message) implements Admission {
        public Refused {
            Objects.requireNonNull(quota, "quota");
            Objects.requireNonNull(message, "message");
        }
    }
}

package org.appmsg.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.appmsg.domain.shared.CustomerId;

/**
 * Usage meters shared by every node of a cluster, so that nodes admit calls against one count per quota window and
 * a limit holds across nodes exactly as on one. A meter is a window's usage, named by the caller (one customer's
 * windows only in each call, so an adapter can keep them together) and created by the caller from the durable
 * ledger when it does not exist yet.
 *
 * <p>A node alone needs none of this: its own meters are exact. Failures surface as
 * {@link StorageUnavailableException}; the caller then counts on its own node. Thread-safe.
 */
public interface SharedMeters {

    /**
     * One atomic step: unless a meter of {@code limited} or {@code others} is missing, checks {@code limited} (when
     * given) against its limit, and if it is below, adds {@code n} to it and to every meter of {@code others}. When
     * a meter is missing, nothing is changed and the answer names the missing ones ({@link Outcome.Missing}): the
     * caller creates them ({@link #create}) and tries again.
     */
    Outcome count(CustomerId customer, Limit limited, List<String> others, long n);

    /**
     * Creates the meter {@code window} at {@code used}, kept until {@code expiresAt}, unless it exists: of several
     * nodes creating one meter at once, the first wins and the others' values are dropped.
     */
    void create(CustomerId customer, String window, long used, Instant expiresAt);

    /** The meter that decides: {@code window} admits while its usage is below {@code limit}. Null: none decides. */
    record Limit(String window, long limit) {
        public Limit {
            Objects.requireNonNull(window, "window");
            if (limit < 0) {
                throw new IllegalArgumentException("limit must not be negative: " + limit);
            }
        }
    }

    /** What {@link #count} did. */
    sealed interface Outcome {

        /** Counted in every meter. */
        record Counted() implements Outcome {}

        /** Not counted: the deciding meter was at {@code used}, not below its limit. */
        record Over(long used) implements Outcome {}

        /** Not counted: these meters do not exist (never created, expired, or Redis lost them). */
        record Missing(List<String> windows) implements Outcome {
            public Missing {
                windows = List.copyOf(windows);
                if (windows.isEmpty()) {
                    throw new IllegalArgumentException("no missing window named");
                }
            }
        }
    }
}

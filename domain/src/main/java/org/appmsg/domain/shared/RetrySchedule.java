package org.appmsg.domain.shared;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When something that failed may be tried again: {@code first} after the first failure, twice as long after each
 * further one, never longer than {@code max}. There is no last attempt. File deletions are retried on it (a file
 * stays scheduled until the file store confirms it is gone or the file is used again, R20), and a login locked
 * after too many failures waits on it ({@link org.appmsg.domain.auth.LoginThrottle}).
 */
public record RetrySchedule(Duration first, Duration max) {

    /** One minute, doubling, at most an hour: file deletions. */
    public static final RetrySchedule DEFAULT = new RetrySchedule(Duration.ofMinutes(1), Duration.ofHours(1));

    public RetrySchedule {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("first must be positive and max at least first");
        }
    }

    /** The wait after the {@code attempts}-th failed attempt (1 = the first). */
    public Duration delayAfter(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts start at 1: " + attempts);
        }
        Duration delay = first;
        for (int i = 1; i < attempts && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) < 0 ? delay : max;
    }

    /** When to try again after the {@code attempts}-th attempt failed at {@code failedAt}. */
    public Instant nextAttempt(int attempts, Instant failedAt) {
        return failedAt.plus(delayAfter(attempts));
    }
}

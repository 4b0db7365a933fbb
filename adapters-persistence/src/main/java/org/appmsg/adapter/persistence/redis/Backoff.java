package org.appmsg.adapter.persistence.redis;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Waits between reconnect attempts: from {@code first}, doubling up to {@code max}, with ±25 % jitter. */
final class Backoff {

    private final long firstMillis;
    private final long maxMillis;
    private long nextMillis;

    Backoff(Duration first, Duration max) {
        this.firstMillis = first.toMillis();
        this.maxMillis = max.toMillis();
        this.nextMillis = firstMillis;
    }

    /** The next wait, and doubles the one after it. */
    Duration next() {
        long base = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        long jitter = base / 4;
        return Duration.ofMillis(base - jitter + ThreadLocalRandom.current().nextLong(2 * jitter + 1));
    }

    void reset() {
        nextMillis = firstMillis;
    }

    /** Sleeps the next wait; false when interrupted (the caller is stopping). */
    boolean pause() {
        try {
            Thread.sleep(next());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

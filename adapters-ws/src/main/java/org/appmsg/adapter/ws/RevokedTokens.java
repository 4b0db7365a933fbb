package org.appmsg.adapter.ws;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Digests of the tokens revoked in the last minute. A connection is registered for live delivery a moment after
 * its token was checked; one whose token was revoked in between would miss the revocation, so registration
 * looks here. Bounded: beyond {@link #MAX} entries the old ones go, and if all are recent, all go (a revocation
 * then only misses such a race). Thread-safe.
 */
final class RevokedTokens {

    private static final long KEEP_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final int MAX = 10_000;

    private final ConcurrentHashMap<String, Long> revokedAt = new ConcurrentHashMap<>();

    void add(String digest) {
        long now = System.nanoTime();
        if (revokedAt.size() >= MAX) {
            revokedAt.values().removeIf(at -> now - at >= KEEP_NANOS);
            if (revokedAt.size() >= MAX) {
                revokedAt.clear();
            }
        }
        revokedAt.put(digest, now);
    }

    boolean contains(String digest) {
        Long at = revokedAt.get(digest);
        return at != null && System.nanoTime() - at < KEEP_NANOS;
    }
}

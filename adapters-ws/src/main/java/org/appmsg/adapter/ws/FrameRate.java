package org.appmsg.adapter.ws;

/**
 * How many frames a client may send on one connection: {@code burst} at once, then {@code perSecond} on average
 * (a token bucket, kept as the time the next frame is due: one {@code long} per connection, no timer). Clients
 * send a heartbeat every 30 s or more, so a flood is far above any legitimate rate.
 */
record FrameRate(int perSecond, int burst) {

    /** The state of a connection that has sent nothing yet. */
    static final long FRESH = Long.MIN_VALUE;
    /** What {@link #next} answers for a frame over the limit. */
    static final long REFUSED = Long.MAX_VALUE;

    FrameRate {
        if (perSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("perSecond and burst must be at least 1");
        }
    }

    /** The state after one more frame at {@code now} ({@link System#nanoTime}), or {@link #REFUSED}. */
    long next(long state, long now) {
        long interval = 1_000_000_000L / perSecond;
        long due = Math.max(state, now);
        return due - now > (burst - 1) * interval ? REFUSED : due + interval;
    }
}

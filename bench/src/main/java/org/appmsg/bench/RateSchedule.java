package org.appmsg.bench;

/**
 * When each message of an open-loop step is due: message {@code k} (0, 1, 2, …) is intended to be sent at
 * {@code startNanos + k / rate} seconds, whatever happened to the messages before it. Latency is measured from
 * that intended time, so a server that stalls is charged for every message that should have gone out during
 * the stall, not only for the one request that was waiting (no coordinated omission).
 *
 * @param startNanos  the intended time of message 0, on the clock the sender and receivers share
 * @param perSecond   messages per second, more than 0
 */
public record RateSchedule(long startNanos, double perSecond) {

    public RateSchedule {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("rate must be a positive number, got " + perSecond);
        }
    }

    /** The intended send time of message {@code k}, in nanoseconds on the shared clock. */
    public long intendedAt(long k) {
        return startNanos + Math.round(k * 1e9 / perSecond);
    }

    /** How many messages are due in the first {@code seconds} seconds: messages 0 .. count-1. */
    public long countWithin(double seconds) {
        return (long) Math.ceil(seconds * perSecond - 1e-9);
    }
}

package org.appmsg.adapter.apns;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition that an asynchronous path makes true (or must keep true). */
public final class Eventually {

    private Eventually() {}

    /** Waits until {@code condition} holds; fails after {@code limit}. */
    public static void within(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + limit);
            }
            pause();
        }
    }

    /** Checks that {@code condition} holds throughout {@code period}. */
    public static void throughout(Duration period, BooleanSupplier condition) {
        long end = System.nanoTime() + period.toNanos();
        do {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("condition broken within " + period);
            }
            pause();
        } while (System.nanoTime() < end);
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }
}

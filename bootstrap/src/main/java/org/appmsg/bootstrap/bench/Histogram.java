package org.appmsg.bootstrap.bench;

import java.util.Arrays;

/** Latencies in microseconds, recorded by many threads; percentiles by sorting once at the end. */
final class Histogram {

    private long[] values = new long[1 << 16];
    private int size;

    synchronized void record(long micros) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = micros;
    }

    synchronized int count() {
        return size;
    }

    /** The value at quantile {@code q} (0..1), in milliseconds with one decimal. */
    synchronized String millis(double q) {
        if (size == 0) {
            return "n/a";
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        long v = sorted[Math.min(size - 1, (int) Math.ceil(q * size) - 1 < 0 ? 0 : (int) Math.ceil(q * size) - 1)];
        return String.format(java.util.Locale.ROOT, "%.1f", v / 1000.0);
    }
}

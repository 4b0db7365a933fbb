package org.appmsg.bench;

import java.util.Locale;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * Latencies in microseconds for the closed-loop tools, recorded by many threads (an HdrHistogram with three
 * significant digits that grows to whatever value comes).
 */
final class Histogram {

    private final ConcurrentHistogram values = new ConcurrentHistogram(3);

    void record(long micros) {
        values.recordValue(Math.max(0, micros));
    }

    /** The value at quantile {@code q} (0..1), in milliseconds with one decimal; "n/a" when nothing was recorded. */
    String millis(double q) {
        if (values.getTotalCount() == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.1f", values.getValueAtPercentile(q * 100) / 1000.0);
    }
}

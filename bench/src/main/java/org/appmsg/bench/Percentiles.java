package org.appmsg.bench;

import org.HdrHistogram.Histogram;

/** Latency percentiles in milliseconds (and how many values they summarise), as reported and written to JSON. */
public record Percentiles(long count, double p50, double p90, double p99, double p999, double max) {

    /** Nothing recorded: count 0, every figure 0. */
    public static final Percentiles NONE = new Percentiles(0, 0, 0, 0, 0, 0);

    /** The percentiles of {@code micros}, a histogram of microseconds. */
    public static Percentiles of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return NONE;
        }
        return new Percentiles(micros.getTotalCount(), ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(90)), ms(micros.getValueAtPercentile(99)),
                ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()));
    }

    private static double ms(long micros) {
        return Math.round(micros / 100.0) / 10.0;
    }
}

package org.appmsg.bench;

import java.util.Map;

/** Step results for tests: a clean step at a rate and p99, and variations of it. */
final class Steps {

    private Steps() {
    }

    static StepResult clean(double rate, double p99) {
        return result(rate, p99, 0, 0, 0, 0);
    }

    static StepResult result(double rate, double p99, long lostFrames, long refused, long failed, long unsent) {
        long messages = (long) (rate * 20);
        Percentiles delivery = new Percentiles(messages, p99 / 4, p99 / 2, p99, p99 * 1.5, p99 * 2);
        return new StepResult(rate, rate, messages, messages - unsent, messages - unsent - refused - failed, refused,
                failed, unsent, messages, messages - lostFrames, lostFrames, lostFrames > 0 ? 1 : 0, 0, rate * 0.99,
                rate * 0.98, delivery, Map.of("app", delivery), Percentiles.NONE, 42.5, 61.0, 410L, 180L, 55.0, 0);
    }
}

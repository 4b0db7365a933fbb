package org.appmsg.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A rate ladder: runs its steps from the lowest rate up, judges each with a {@link LadderPolicy}, and stops at the
 * first step that fails; the highest passing rate is the last step that passed before it (null when the first
 * step failed).
 */
public final class Ladder {

    private Ladder() {
    }

    /** Runs step {@code index} at {@code rate} and returns its measured window. */
    @FunctionalInterface
    public interface StepRunner {
        StepResult run(int index, double rate) throws Exception;
    }

    /** A step as measured and judged. */
    public record Step(StepResult result, LadderPolicy.Verdict verdict) {
    }

    /** The steps that ran, in order, and the highest rate that passed. */
    public record Outcome(List<Step> steps, Double highestPassing) {
        public Outcome {
            steps = List.copyOf(steps);
        }
    }

    /**
     * Runs {@code rates} (ascending, each positive) in order until one fails.
     *
     * @throws IllegalArgumentException when the rates are empty, not positive or not ascending
     */
    public static Outcome climb(List<Double> rates, LadderPolicy policy, StepRunner runner) throws Exception {
        checkRates(rates);
        List<Step> steps = new ArrayList<>();
        Double highest = null;
        for (int i = 0; i < rates.size(); i++) {
            StepResult result = runner.run(i, rates.get(i));
            LadderPolicy.Verdict verdict = policy.judge(result);
            steps.add(new Step(result, verdict));
            if (!verdict.passed()) {
                break;
            }
            highest = rates.get(i);
        }
        return new Outcome(steps, highest);
    }

    /** Rates must be positive and strictly ascending: a ladder climbs. */
    public static void checkRates(List<Double> rates) {
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("a ladder needs at least one rate");
        }
        for (int i = 0; i < rates.size(); i++) {
            if (!(rates.get(i) > 0)) {
                throw new IllegalArgumentException("rates must be positive, got " + rates.get(i));
            }
            if (i > 0 && rates.get(i) <= rates.get(i - 1)) {
                throw new IllegalArgumentException("rates must ascend, got " + rates.get(i - 1) + " then " + rates.get(i));
            }
        }
    }
}

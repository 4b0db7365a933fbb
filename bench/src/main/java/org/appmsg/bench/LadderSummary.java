package org.appmsg.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * The runs of one build, step by step: each figure is the median over the runs that reached the step, and a step
 * passes when more than half of all the runs passed it (a run that stopped at a lower step counts as failing it,
 * so one lucky run cannot carry a step). The highest passing rate is the last step that passes before the first
 * that does not.
 *
 * @param build          the build's label
 * @param unit           the rates' unit
 * @param runs           how many runs went in
 * @param rows           one per step rate any run reached, ascending
 * @param highestPassing null when the first step does not pass
 */
public record LadderSummary(String build, String unit, int runs, List<Row> rows, Double highestPassing) {

    /**
     * One step over the runs: how many reached it and passed it, and the median figures of those that reached it
     * (the CPU, RSS and heap medians are null when no run knew them).
     */
    public record Row(double offered, int reached, int passed, boolean pass, double achieved, double framesPerSecond,
                      double deliveryP50, double deliveryP90, double deliveryP99, double deliveryP999,
                      double deliveryMax, double lostFrames, double errors, double unsent,
                      Double serverCpuMicrosPerMessage, Double serverCpuPercent, Double serverRssMb,
                      Double serverHeapMb, double loadCpuPercent) {
    }

    /** Summarises {@code runs}, all of one build and scenario. */
    public static LadderSummary of(List<RunRecord> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs to summarise");
        }
        TreeSet<Double> rates = new TreeSet<>();
        runs.forEach(r -> r.steps().forEach(s -> rates.add(s.result().offered())));
        List<Row> rows = new ArrayList<>();
        Double highest = null;
        boolean climbing = true;
        for (double rate : rates) {
            List<Ladder.Step> reached = new ArrayList<>();
            for (RunRecord run : runs) {
                run.steps().stream().filter(s -> s.result().offered() == rate).findFirst().ifPresent(reached::add);
            }
            int passed = (int) reached.stream().filter(s -> s.verdict().passed()).count();
            boolean pass = passed * 2 > runs.size();
            rows.add(new Row(rate, reached.size(), passed, pass,
                    median(reached, s -> s.result().achieved()),
                    median(reached, s -> s.result().framesPerSecond()),
                    median(reached, s -> s.result().delivery().p50()),
                    median(reached, s -> s.result().delivery().p90()),
                    median(reached, s -> s.result().delivery().p99()),
                    median(reached, s -> s.result().delivery().p999()),
                    median(reached, s -> s.result().delivery().max()),
                    median(reached, s -> s.result().lostFrames()),
                    median(reached, s -> s.result().errors()),
                    median(reached, s -> s.result().unsent()),
                    medianOfKnown(reached.stream().map(s -> s.result().serverCpuMicrosPerMessage()).toList()),
                    medianOfKnown(reached.stream().map(s -> s.result().serverCpuPercent()).toList()),
                    medianOfKnown(reached.stream().map(s -> toDouble(s.result().serverRssMb())).toList()),
                    medianOfKnown(reached.stream().map(s -> toDouble(s.result().serverHeapMb())).toList()),
                    median(reached, s -> s.result().loadCpuPercent())));
            climbing = climbing && pass;
            if (climbing) {
                highest = rate;
            }
        }
        return new LadderSummary(runs.get(0).build(), runs.get(0).unit(), runs.size(), rows, highest);
    }

    /** The median of {@code values} (the mean of the middle two for an even count); 0 for none. */
    static double median(double... values) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double median(List<Ladder.Step> steps, ToDoubleFunction<Ladder.Step> figure) {
        return median(steps.stream().mapToDouble(figure).toArray());
    }

    private static Double medianOfKnown(List<Double> values) {
        double[] known = values.stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).toArray();
        return known.length == 0 ? null : median(known);
    }

    private static Double toDouble(Long value) {
        return value == null ? null : value.doubleValue();
    }
}

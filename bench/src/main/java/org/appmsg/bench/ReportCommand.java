package org.appmsg.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Summarises open-loop runs from their JSON files: the runs of each build (in the order the builds first appear)
 * become one {@link LadderSummary}, printed side by side with the others, and optionally one plot of them all.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Medians per build of open-loop runs (their JSON files), side by side, and a plot.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "JSON files written by openloop")
    List<Path> files;
    @Option(names = "--plot", description = "SVG file to write")
    Path plot;

    @Override
    public Integer call() throws Exception {
        List<RunRecord> runs = ResultsJson.readAll(files);
        RunRecord first = runs.get(0);
        for (RunRecord r : runs) {
            if (!r.scenario().equals(first.scenario()) || !r.unit().equals(first.unit())) {
                throw new IllegalArgumentException("runs of different scenarios: " + first.scenario() + " and "
                        + r.scenario());
            }
        }
        Map<String, List<RunRecord>> byBuild = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            RunRecord r = runs.get(i);
            byBuild.computeIfAbsent(r.build(), b -> new ArrayList<>()).add(r);
            System.out.printf(Locale.ROOT, "%s: build %s, run %d, %d steps, highest passing %s%n", files.get(i),
                    r.build(), r.run(), r.steps().size(),
                    r.highestPassing() == null ? "none" : String.format(Locale.ROOT, "%,.0f", r.highestPassing()));
        }
        List<LadderSummary> summaries = byBuild.values().stream().map(LadderSummary::of).toList();
        System.out.println();
        System.out.print(ResultTable.render(summaries));
        if (plot != null) {
            double limit = Double.parseDouble(first.settings().getOrDefault("p99LimitMs", "100"));
            LatencyPlot.write(plot, first.scenario() + ": delivery latency vs offered rate, medians of "
                    + String.join(" and ", byBuild.keySet()), summaries, limit);
            System.out.println("plot: " + plot);
        }
        return 0;
    }
}

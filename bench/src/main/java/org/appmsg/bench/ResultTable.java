package org.appmsg.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The end-of-run table: one line per step rate and build (builds of one rate on adjacent lines, so they read side
 * by side), columns aligned, then each build's highest passing rate.
 */
public final class ResultTable {

    private static final String[] HEADER = {"rate", "build", "pass", "achieved", "frames/s", "p50 ms", "p90 ms",
        "p99 ms", "p99.9 ms", "max ms", "lost", "errors", "unsent", "srv µs/msg", "srv CPU%", "srv RSS MB",
        "heap MB", "load CPU%"};

    private ResultTable() {
    }

    /** The table of {@code summaries} (one per build, same scenario), ending with a newline. */
    public static String render(List<LadderSummary> summaries) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        List<Double> rates = summaries.stream().flatMap(s -> s.rows().stream()).map(LadderSummary.Row::offered)
                .distinct().sorted().toList();
        for (double rate : rates) {
            for (LadderSummary s : summaries) {
                s.rows().stream().filter(r -> r.offered() == rate).findFirst().ifPresent(r -> rows.add(new String[] {
                    number(r.offered()), s.build(), (r.pass() ? "PASS " : "FAIL ") + r.passed() + "/" + s.runs(),
                    number(r.achieved()), number(r.framesPerSecond()), decimal(r.deliveryP50()),
                    decimal(r.deliveryP90()), decimal(r.deliveryP99()), decimal(r.deliveryP999()),
                    decimal(r.deliveryMax()), number(r.lostFrames()), number(r.errors()), number(r.unsent()),
                    r.serverCpuMicrosPerMessage() == null ? "-" : decimal(r.serverCpuMicrosPerMessage()),
                    r.serverCpuPercent() == null ? "-" : number(r.serverCpuPercent()),
                    r.serverRssMb() == null ? "-" : number(r.serverRssMb()),
                    r.serverHeapMb() == null ? "-" : number(r.serverHeapMb()), number(r.loadCpuPercent())}));
            }
        }
        StringBuilder out = new StringBuilder(align(rows));
        for (LadderSummary s : summaries) {
            String runs = s.runs() == 1 ? "1 run" : s.runs() + " runs, medians";
            out.append(s.highestPassing() == null
                    ? String.format(Locale.ROOT, "%s: no step passed (%s)%n", s.build(), runs)
                    : String.format(Locale.ROOT, "%s: highest passing rate %s %s (%s)%n", s.build(),
                            number(s.highestPassing()), s.unit(), runs));
        }
        return out.toString();
    }

    /** {@code rows} as text, every column padded to its widest cell: build and pass left-aligned, numbers right-aligned. */
    static String align(List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String cell = row[c];
                String pad = " ".repeat(width[c] - cell.length());
                boolean left = c == 1 || c == 2;
                line.append(c == 0 ? "" : "  ").append(left ? cell + pad : pad + cell);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String decimal(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}

package org.appmsg.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The ladder's plot as a self-contained SVG file (no plotting library): delivery latency percentiles (p50, p90,
 * p99, p99.9; logarithmic milliseconds) against the offered rate, one line per percentile and build (the first
 * build solid, the others dashed), a filled dot for a step that passed and a hollow one for a step that did not,
 * and the p99 limit as a red dashed line.
 */
public final class LatencyPlot {

    static final int WIDTH = 960;
    static final int HEIGHT = 540;
    private static final int LEFT = 80;
    private static final int RIGHT = 230;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final String[] DASHES = {"", "8 5", "3 3", "12 4 3 4"};

    private record Percentile(String name, String colour, ToDoubleFunction<LadderSummary.Row> value) {
    }

    private static final List<Percentile> PERCENTILES = List.of(
            new Percentile("p50", "#1f77b4", LadderSummary.Row::deliveryP50),
            new Percentile("p90", "#2ca02c", LadderSummary.Row::deliveryP90),
            new Percentile("p99", "#ff7f0e", LadderSummary.Row::deliveryP99),
            new Percentile("p99.9", "#9467bd", LadderSummary.Row::deliveryP999));

    private LatencyPlot() {
    }

    public static void write(Path file, String title, List<LadderSummary> builds, double limitMs) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, svg(title, builds, limitMs), StandardCharsets.UTF_8);
    }

    /** The plot of {@code builds} (each a summary of one build's runs) as an SVG document. */
    public static String svg(String title, List<LadderSummary> builds, double limitMs) {
        double maxRate = builds.stream().flatMap(b -> b.rows().stream()).mapToDouble(LadderSummary.Row::offered)
                .max().orElse(1);
        double xMax = niceCeiling(maxRate * 1.1); // the last step off the frame's edge
        double lowest = limitMs;
        double highest = limitMs;
        for (LadderSummary b : builds) {
            for (LadderSummary.Row r : b.rows()) {
                for (Percentile p : PERCENTILES) {
                    double v = p.value().applyAsDouble(r);
                    if (v > 0) {
                        lowest = Math.min(lowest, v);
                        highest = Math.max(highest, v);
                    }
                }
            }
        }
        int fromDecade = (int) Math.floor(Math.log10(Math.max(0.1, lowest)));
        int toDecade = Math.max(fromDecade + 1, (int) Math.ceil(Math.log10(highest) + 1e-9));
        Axes axes = new Axes(xMax, fromDecade, toDecade);

        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(text(LEFT, 25, "start", "15", escape(title)));
        // y grid: one line per decade, labelled
        for (int d = fromDecade; d <= toDecade; d++) {
            double ms = Math.pow(10, d);
            double y = axes.y(ms);
            svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\""
                    + " stroke=\"#ddd\"/>\n", LEFT, y, WIDTH - RIGHT, y));
            svg.append(String.format(Locale.ROOT, "<text class=\"ylabel\" data-ms=\"%s\" x=\"%d\" y=\"%.1f\""
                    + " text-anchor=\"end\">%s ms</text>\n", label(ms), LEFT - 6, y + 4, label(ms)));
        }
        // x ticks: every step rate
        builds.stream().flatMap(b -> b.rows().stream()).mapToDouble(LadderSummary.Row::offered).distinct().sorted()
                .forEach(rate -> {
                    double x = axes.x(rate);
                    svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\""
                            + " stroke=\"#ddd\"/>\n", x, TOP, x, HEIGHT - BOTTOM));
                    svg.append(String.format(Locale.ROOT, "<text class=\"xlabel\" x=\"%.1f\" y=\"%d\""
                            + " text-anchor=\"middle\">%s</text>\n", x, HEIGHT - BOTTOM + 16, label(rate)));
                });
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\""
                + " stroke=\"#444\"/>\n", LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM));
        String unit = builds.isEmpty() ? "" : builds.get(0).unit();
        svg.append(text((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 18, "middle", "12", "offered rate (" + escape(unit) + ")"));
        svg.append(String.format(Locale.ROOT, "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90"
                + " 18 %.1f)\">delivery latency from intended send time (ms, log)</text>\n",
                (TOP + HEIGHT - BOTTOM) / 2.0, (TOP + HEIGHT - BOTTOM) / 2.0));
        // the limit
        double limitY = axes.y(limitMs);
        svg.append(String.format(Locale.ROOT, "<line id=\"limit\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\""
                + " stroke=\"#d62728\" stroke-dasharray=\"6 4\"/>\n", LEFT, limitY, WIDTH - RIGHT, limitY));
        svg.append(text(WIDTH - RIGHT - 4, limitY - 4, "end", "11", "p99 limit " + label(limitMs) + " ms"));
        // the series and the legend
        int legendY = TOP + 8;
        for (int b = 0; b < builds.size(); b++) {
            LadderSummary build = builds.get(b);
            String dash = DASHES[b % DASHES.length];
            for (Percentile p : PERCENTILES) {
                StringBuilder points = new StringBuilder();
                StringBuilder dots = new StringBuilder();
                for (LadderSummary.Row r : build.rows()) {
                    double x = axes.x(r.offered());
                    double y = axes.y(p.value().applyAsDouble(r));
                    points.append(String.format(Locale.ROOT, "%s%.1f,%.1f", points.isEmpty() ? "" : " ", x, y));
                    dots.append(String.format(Locale.ROOT, "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\""
                            + " fill=\"%s\" stroke=\"%s\"/>\n", r.pass() ? "pass" : "fail", x, y,
                            r.pass() ? p.colour() : "white", p.colour()));
                }
                svg.append(String.format(Locale.ROOT, "<polyline data-build=\"%s\" data-percentile=\"%s\""
                        + " points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>\n",
                        escape(build.build()), p.name(), points, p.colour(),
                        dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\""));
                svg.append(dots);
                svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\""
                        + " stroke-width=\"2\"%s/>\n", WIDTH - RIGHT + 12, legendY, WIDTH - RIGHT + 40, legendY,
                        p.colour(), dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\""));
                svg.append(text(WIDTH - RIGHT + 46, legendY + 4, "start", "11",
                        escape(build.build()) + " " + p.name()));
                legendY += 18;
            }
        }
        svg.append(text(WIDTH - RIGHT + 12, legendY + 10, "start", "11", "filled dot: step passed; hollow: failed"));
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** Pixel positions of a rate (linear from 0) and of a latency (logarithmic between two decades). */
    private record Axes(double xMax, int fromDecade, int toDecade) {
        double x(double rate) {
            return LEFT + (WIDTH - LEFT - RIGHT) * rate / xMax;
        }

        double y(double ms) {
            double log = Math.log10(Math.max(ms, Math.pow(10, fromDecade)));
            return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * (log - fromDecade) / (toDecade - fromDecade);
        }
    }

    /** The smallest of 1, 2, 2.5, 5 × 10^n that is at least {@code v}. */
    static double niceCeiling(double v) {
        double decade = Math.pow(10, Math.floor(Math.log10(Math.max(v, 1e-9))));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * decade >= v) {
                return m * decade;
            }
        }
        return 10 * decade;
    }

    private static String text(double x, double y, String anchor, String size, String escaped) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%s\">%s</text>\n",
                x, y, anchor, size, escaped);
    }

    private static String label(double v) {
        return v >= 1 && v == Math.rint(v) ? String.format(Locale.ROOT, "%,.0f", v)
                : String.format(Locale.ROOT, "%s", v).replaceAll("0+$", "");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

package org.appmsg.domain.quota;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A usage report's lines, summed from stored {@link UsageCount}s: for {@code kind}, the counts of its counter added
 * up per label (route or push type, customer, or tenant). Lines come most-used first, equal counts by label; a
 * label whose counts add up to zero (a call counted and then taken back) is left out. A by-tenant report keeps the
 * {@link #TOP_TENANTS} first lines. Pure: the caller chooses which counts (a customer, a range of days) go in.
 */
public record UsageReport(ReportKind kind, List<Line> lines, long total) {

    /** How many tenants a by-tenant report shows. */
    public static final int TOP_TENANTS = 10;

    /** One line: {@code label} (a route, push type, customer or tenant id) and its summed {@code count}. */
    public record Line(String label, long count) {
        public Line {
            Objects.requireNonNull(label, "label");
        }
    }

    private static final Comparator<Line> MOST_USED_FIRST = Comparator.comparingLong(Line::count).reversed()
            .thenComparing(Line::label);

    public UsageReport {
        Objects.requireNonNull(kind, "kind");
        lines = List.copyOf(lines);
    }

    /**
     * Sums {@code counts} for {@code kind}. {@code total} is the sum over every label, also those a by-tenant
     * report leaves out beyond the first ten.
     */
    public static UsageReport of(ReportKind kind, Collection<UsageCount> counts) {
        Map<String, Long> sums = new TreeMap<>();
        for (UsageCount u : counts) {
            if (u.counter().equals(kind.counter())) {
                sums.merge(label(kind, u), u.count(), Long::sum);
            }
        }
        long total = sums.values().stream().mapToLong(Long::longValue).sum();
        List<Line> lines = sums.entrySet().stream()
                .filter(e -> e.getValue() != 0)
                .map(e -> new Line(e.getKey(), e.getValue()))
                .sorted(MOST_USED_FIRST)
                .limit(kind.dimension() == ReportKind.Dimension.TENANT ? TOP_TENANTS : Long.MAX_VALUE)
                .toList();
        return new UsageReport(kind, lines, total);
    }

    private static String label(ReportKind kind, UsageCount u) {
        return switch (kind.dimension()) {
            case KEY -> u.key();
            case CUSTOMER -> u.customer().value();
            case TENANT -> u.tenant().value();
        };
    }
}

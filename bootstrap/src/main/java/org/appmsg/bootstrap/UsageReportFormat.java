package org.appmsg.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.appmsg.application.port.in.ReportUsageUseCase;
import org.appmsg.domain.quota.UsageReport;
import org.appmsg.domain.shared.JsonText;

/**
 * How the {@code report} command prints a usage report: an aligned table for people (a title line, a header,
 * labels left-aligned, counts right-aligned, the total last), CSV for spreadsheets (a header and one row per line,
 * no total), or JSON with the admin API's shape ({@code GET /admin/reports}).
 */
enum UsageReportFormat {
    TABLE {
        @Override
        String render(ReportUsageUseCase.Result.Report report) {
            var command = report.command();
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {command.kind().column(), "count"});
            for (UsageReport.Line line : report.report().lines()) {
                rows.add(new String[] {line.label(), Long.toString(line.count())});
            }
            rows.add(new String[] {"total", Long.toString(report.report().total())});
            int labels = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
            int counts = rows.stream().mapToInt(r -> r[1].length()).max().orElse(0);
            StringBuilder out = new StringBuilder();
            out.append(command.kind().wire())
                    .append(command.customer().map(c -> " of customer " + c.value()).orElse(""))
                    .append(", ").append(command.from()).append(" to ").append(command.to()).append('\n');
            for (String[] row : rows) {
                out.append(String.format(Locale.ROOT, "%-" + labels + "s  %" + counts + "s%n", row[0], row[1]));
            }
            return out.toString();
        }
    },
    CSV {
        @Override
        String render(ReportUsageUseCase.Result.Report report) {
            StringBuilder out = new StringBuilder(report.command().kind().column()).append(",count\n");
            for (UsageReport.Line line : report.report().lines()) {
                out.append(csv(line.label())).append(',').append(line.count()).append('\n');
            }
            return out.toString();
        }
    },
    JSON {
        @Override
        String render(ReportUsageUseCase.Result.Report report) {
            var command = report.command();
            StringBuilder lines = new StringBuilder("[");
            for (UsageReport.Line line : report.report().lines()) {
                if (lines.length() > 1) {
                    lines.append(',');
                }
                lines.append(new JsonText().string(command.kind().column(), line.label())
                        .number("count", line.count()).end());
            }
            JsonText json = new JsonText().string("kind", command.kind().wire())
                    .string("from", command.from().toString()).string("to", command.to().toString());
            command.customer().ifPresent(c -> json.string("customerId", c.value()));
            return json.string("column", command.kind().column()).raw("lines", lines.append(']').toString())
                    .number("total", report.report().total()).end() + "\n";
        }
    };

    abstract String render(ReportUsageUseCase.Result.Report report);

    /** {@code table}, {@code csv} or {@code json}. */
    static Optional<UsageReportFormat> of(String name) {
        for (UsageReportFormat f : values()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** A CSV field: quoted when it holds a comma, a quote or a line break. */
    private static String csv(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}

package org.appmsg.application.port.in;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.appmsg.domain.quota.ReportKind;
import org.appmsg.domain.quota.UsageReport;
import org.appmsg.domain.shared.CustomerId;

/**
 * The operator's usage reports (R5), summed from the stored usage of a range of local days: API calls, pushes or
 * stored recipients, by key (route or push type), per customer, or the top tenants of one customer
 * ({@link ReportKind}). Reached through the admin API (admin key checked by the driving adapter) and the
 * {@code report} command, which reads the database directly.
 */
public interface ReportUsageUseCase {

    /** The longest range one report may cover, in days: a year, leap or not. */
    int MAX_DAYS = 366;

    /**
     * {@code kind} from {@code from} to {@code to} (local days of each customer's zone, both included), of one
     * customer or (empty) all. A by-tenant kind needs a customer.
     */
    record Command(ReportKind kind, LocalDate from, LocalDate to, Optional<CustomerId> customer) {
        public Command {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(customer, "customer");
        }
    }

    sealed interface Result {
        /** The report; {@code report.lines()} may be empty (nothing counted in the range). */
        record Report(Command command, UsageReport report) implements Result {
            public Report {
                Objects.requireNonNull(command, "command");
                Objects.requireNonNull(report, "report");
            }
        }

        /** The command cannot be answered; {@code field} names the input that is wrong. Nothing was read. */
        record Invalid(String field, String message) implements Result {}

        /** The customer does not exist. */
        record NotFound(String message) implements Result {}
    }

    Result report(Command command);
}

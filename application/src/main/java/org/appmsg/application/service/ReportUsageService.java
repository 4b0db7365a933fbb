package org.appmsg.application.service;

import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.appmsg.application.port.in.ReportUsageUseCase;
import org.appmsg.application.port.in.SyncUsageUseCase;
import org.appmsg.application.port.out.DirectoryRepository;
import org.appmsg.application.port.out.UsageLedger;
import org.appmsg.domain.quota.ReportKind;
import org.appmsg.domain.quota.UsageReport;

/**
 * {@link ReportUsageUseCase} on the {@link UsageLedger}: reads the range's rows (of the customer, when given) and
 * sums them with {@link UsageReport}. In the server it first flushes this node's pending counts, so a report made
 * on the node that counted is exact; the {@code report} command, outside any server, reads what the nodes have
 * flushed (at most about a second behind each running node).
 */
public final class ReportUsageService implements ReportUsageUseCase {

    private final UsageLedger ledger;
    private final DirectoryRepository directory;
    private final Optional<SyncUsageUseCase> pending;

    /** Reports what is stored: for a tool running beside the servers. */
    public ReportUsageService(UsageLedger ledger, DirectoryRepository directory) {
        this(ledger, directory, Optional.empty());
    }

    /** Reports what is stored after flushing {@code pending} (this node's counts). */
    public ReportUsageService(UsageLedger ledger, DirectoryRepository directory, Optional<SyncUsageUseCase> pending) {
        this.ledger = ledger;
        this.directory = directory;
        this.pending = pending;
    }

    @Override
    public Result report(Command command) {
        if (command.to().isBefore(command.from())) {
            return new Result.Invalid("to", "to must not be before from");
        }
        if (ChronoUnit.DAYS.between(command.from(), command.to()) >= MAX_DAYS) {
            return new Result.Invalid("to", "to must be at most " + (MAX_DAYS - 1)
                    + " days after from (a report covers at most " + MAX_DAYS + " days)");
        }
        if (command.kind().dimension() == ReportKind.Dimension.TENANT && command.customer().isEmpty()) {
            return new Result.Invalid("customerId", "customerId is required for " + command.kind().wire()
                    + " (the top tenants of one customer)");
        }
        if (command.customer().isPresent() && directory.findCustomer(command.customer().get()).isEmpty()) {
            return new Result.NotFound("customerId " + command.customer().get() + " does not exist");
        }
        pending.ifPresent(SyncUsageUseCase::flush);
        return new Result.Report(command, UsageReport.of(command.kind(),
                ledger.between(command.customer(), command.from(), command.to())));
    }
}

package org.appmsg.bootstrap;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.appmsg.adapter.persistence.SqlPersistence;
import org.appmsg.application.port.in.ReportUsageUseCase;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.appmsg.application.service.ReportUsageService;
import org.appmsg.domain.quota.ReportKind;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.DomainViolation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code appmsg report KIND --from --to [--customer] [--format table|csv|json]}: a usage report (R5) read straight
 * from the database the server uses (the same {@code APPMSG_*} settings and {@code --config} file), without
 * starting any listener. It sees what the nodes have flushed, about once a second each. An embedded H2 database
 * is open in one process at a time: while a node runs on it, ask the node ({@code GET /admin/reports}) instead.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Prints a usage report from the server's database, without starting a node.",
                "KIND is <measure>-by-<dimension>:",
                "  api-by-route, api-by-customer, api-by-tenant,",
                "  push-by-type, push-by-customer, push-by-tenant,",
                "  recipients-by-type, recipients-by-customer, recipients-by-tenant.",
                "*-by-tenant: the 10 tenants of --customer that used the most.",
                "Days are each customer's local days, both ends included."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the report was printed", "1:the database could not be read",
                "2:a wrong argument or configuration (the message names it)"})
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "KIND", description = "which report, e.g. push-by-tenant")
    String kind;

    @Option(names = "--from", required = true, paramLabel = "yyyy-mm-dd", description = "the first day")
    String from;

    @Option(names = "--to", required = true, paramLabel = "yyyy-mm-dd", description = "the last day (included)")
    String to;

    @Option(names = "--customer", paramLabel = "ID", description = "one customer (required for *-by-tenant)")
    String customer;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (aligned, the default), csv or json")
    String format;

    @Option(names = "--config", paramLabel = "FILE", description = "a properties file of APPMSG_* settings")
    Path configFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ReportUsageUseCase.Command command = new ReportUsageUseCase.Command(
                ReportKind.of(kind).orElseThrow(() -> wrong("KIND must be one of " + ReportKind.names()
                        + " (got \"" + kind + "\")")),
                date("--from", from), date("--to", to), customerId());
        UsageReportFormat output = UsageReportFormat.of(format).orElseThrow(
                () -> wrong("--format must be table, csv or json (got \"" + format + "\")"));
        PrintWriter err = spec.commandLine().getErr();
        Config config;
        try {
            config = Config.load(System.getenv(), Optional.ofNullable(configFile));
        } catch (Config.ConfigException e) {
            err.println("configuration invalid: " + e.getMessage());
            err.flush();
            return 2;
        }
        LogFormat.apply(Config.setting(System.getenv(), Optional.ofNullable(configFile), "APPMSG_LOG_FORMAT"));
        LogFormat.warningsToStandardError();
        ReportUsageUseCase.Result result;
        try (SqlPersistence persistence = SqlPersistence.start(AppmsgServer.storage(config, 2), Clock.systemUTC())) {
            result = new ReportUsageService(persistence.usage(), persistence.directory()).report(command);
        } catch (StorageUnavailableException e) {
            err.println("cannot read the database " + Config.redacted(config.dbUrl()) + ": " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"));
            err.flush();
            return 1;
        }
        return switch (result) {
            case ReportUsageUseCase.Result.Report report -> {
                spec.commandLine().getOut().print(output.render(report));
                spec.commandLine().getOut().flush();
                yield 0;
            }
            case ReportUsageUseCase.Result.Invalid invalid -> throw wrong(option(invalid.field()) + ": "
                    + invalid.message());
            case ReportUsageUseCase.Result.NotFound missing -> throw wrong("--customer: " + missing.message());
        };
    }

    private Optional<CustomerId> customerId() {
        if (customer == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CustomerId(customer));
        } catch (DomainViolation e) {
            throw wrong("--customer: " + e.getMessage());
        }
    }

    private LocalDate date(String option, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw wrong(option + " must be a date yyyy-mm-dd (got \"" + text + "\")");
        }
    }

    /** The option of a field the use case named. */
    private static String option(String field) {
        return switch (field) {
            case "customerId" -> "--customer";
            case "from", "to" -> "--" + field;
            default -> field;
        };
    }

    /** A wrong argument: picocli prints the message and the usage and exits 2. */
    private CommandLine.ParameterException wrong(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}

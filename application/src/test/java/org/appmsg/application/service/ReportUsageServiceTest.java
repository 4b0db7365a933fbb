package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.appmsg.application.fake.InMemoryUsageLedger;
import org.appmsg.application.port.in.ReportUsageUseCase.Command;
import org.appmsg.application.port.in.ReportUsageUseCase.Result;
import org.appmsg.application.port.in.SyncUsageUseCase;
import org.appmsg.domain.quota.ReportKind;
import org.appmsg.domain.quota.UsageCount;
import org.appmsg.domain.quota.UsageReport.Line;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReportUsageServiceTest {

    private static final LocalDate NOV30 = LocalDate.of(2026, 11, 30);
    private static final LocalDate DEC1 = LocalDate.of(2026, 12, 1);
    private static final LocalDate DEC2 = LocalDate.of(2026, 12, 2);
    private static final CustomerId C1 = new CustomerId("c1");

    private final Fixture f = new Fixture();
    private final InMemoryUsageLedger ledger = new InMemoryUsageLedger();
    private final ReportUsageService stored = new ReportUsageService(ledger, f.directory);

    private static UsageCount count(String customer, String tenant, String counter, String key, LocalDate day,
            long n) {
        return new UsageCount(new CustomerId(customer), new TenantId(tenant), counter, key, day, n);
    }

    @BeforeEach
    void usage() {
        f.twoCustomers();
        ledger.add(List.of(
                count("c1", "t1", "push_cnt", "@user", NOV30, 100), // before the range
                count("c1", "t1", "push_cnt", "@user", DEC1, 6),
                count("c1", "t2", "push_cnt", "@user", DEC1, 7),
                count("c1", "t2", "push_cnt", "@qun", DEC2, 2),
                count("c2", "t3", "push_cnt", "@user", DEC2, 4),
                count("c1", "t1", "api_cnt", "/app/client/device/push", DEC1, 6),
                count("c1", "t2", "recipients", "@qun", DEC2, 30)));
    }

    private Result.Report report(ReportUsageService service, ReportKind kind, Optional<CustomerId> customer) {
        return (Result.Report) service.report(new Command(kind, DEC1, DEC2, customer));
    }

    @Test
    void pushes_of_the_range_by_type_per_customer_and_the_top_tenants_of_one_customer() {
        assertThat(report(stored, ReportKind.PUSH_BY_TYPE, Optional.empty()).report().lines())
                .containsExactly(new Line("@user", 17), new Line("@qun", 2));
        assertThat(report(stored, ReportKind.PUSH_BY_TYPE, Optional.of(C1)).report().lines())
                .containsExactly(new Line("@user", 13), new Line("@qun", 2));
        assertThat(report(stored, ReportKind.PUSH_BY_CUSTOMER, Optional.empty()).report().lines())
                .containsExactly(new Line("c1", 15), new Line("c2", 4));
        var top = report(stored, ReportKind.PUSH_BY_TENANT, Optional.of(C1)).report();
        assertThat(top.lines()).containsExactly(new Line("t2", 9), new Line("t1", 6));
        assertThat(top.total()).isEqualTo(15);
        assertThat(report(stored, ReportKind.RECIPIENTS_BY_TENANT, Optional.of(C1)).report().lines())
                .containsExactly(new Line("t2", 30));
        assertThat(report(stored, ReportKind.API_BY_ROUTE, Optional.of(new CustomerId("c2"))).report().lines())
                .isEmpty();
    }

    @Test
    void in_the_server_the_nodes_pending_counts_are_flushed_first() {
        List<UsageCount> pendingCounts = new ArrayList<>(List.of(count("c1", "t1", "push_cnt", "@user", DEC2, 3)));
        SyncUsageUseCase node = new SyncUsageUseCase() {
            @Override
            public void flush() {
                ledger.add(pendingCounts);
                pendingCounts.clear();
            }

            @Override
            public void refresh() {}
        };
        ReportUsageService inServer = new ReportUsageService(ledger, f.directory, Optional.of(node));
        assertThat(report(inServer, ReportKind.PUSH_BY_TENANT, Optional.of(C1)).report().lines())
                .containsExactly(new Line("t1", 9), new Line("t2", 9));
    }

    @Test
    void a_wrong_range_a_top_tenants_report_without_a_customer_or_an_unknown_customer_is_refused() {
        assertThat(stored.report(new Command(ReportKind.API_BY_ROUTE, DEC2, DEC1, Optional.empty())))
                .isEqualTo(new Result.Invalid("to", "to must not be before from"));
        assertThat(stored.report(new Command(ReportKind.API_BY_ROUTE, DEC1, DEC1.plusDays(366), Optional.empty())))
                .isEqualTo(new Result.Invalid("to", "to must be at most 365 days after from (a report covers at most 366 days)"));
        assertThat(stored.report(new Command(ReportKind.API_BY_ROUTE, DEC1, DEC1.plusDays(365), Optional.empty())))
                .isInstanceOf(Result.Report.class);
        assertThat(stored.report(new Command(ReportKind.API_BY_TENANT, DEC1, DEC2, Optional.empty())))
                .isInstanceOfSatisfying(Result.Invalid.class, i -> assertThat(i.field()).isEqualTo("customerId"));
        assertThat(stored.report(new Command(ReportKind.API_BY_ROUTE, DEC1, DEC2, Optional.of(new CustomerId("c9")))))
                .isEqualTo(new Result.NotFound("customerId c9 does not exist"));
    }
}

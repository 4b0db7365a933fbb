package org.appmsg.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.appmsg.domain.quota.ReportKind;
import org.appmsg.domain.quota.UsageCount;
import org.appmsg.domain.quota.UsageReport;
import org.appmsg.domain.quota.UsageReport.Line;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;
import org.junit.jupiter.api.Test;

class UsageReportTest {

    private static final LocalDate D1 = LocalDate.of(2026, 12, 1);
    private static final LocalDate D2 = LocalDate.of(2026, 12, 2);

    private static UsageCount count(String customer, String tenant, String counter, String key, LocalDate day,
            long n) {
        return new UsageCount(new CustomerId(customer), new TenantId(tenant), counter, key, day, n);
    }

    private static final List<UsageCount> ROWS = List.of(
            count("c1", "t1", "api_cnt", "/app/client/device/push", D1, 6),
            count("c1", "t1", "api_cnt", "/app/client/device/push", D2, 4),
            count("c1", "t2", "api_cnt", "/app/client/device/login", D1, 3),
            count("c2", "t9", "api_cnt", "/app/client/device/push", D2, 5),
            count("c1", "t1", "push_cnt", "@user", D1, 6),
            count("c1", "t2", "push_cnt", "@qun", D2, 2),
            count("c2", "t9", "push_cnt", "@user", D1, 1),
            count("c1", "t1", "recipients", "@user", D1, 6),
            count("c1", "t2", "recipients", "@qun", D2, 40));

    @Test
    void api_calls_by_route_sum_every_tenant_and_day_most_used_first() {
        UsageReport report = UsageReport.of(ReportKind.API_BY_ROUTE, ROWS);
        assertThat(report.lines()).containsExactly(new Line("/app/client/device/push", 15),
                new Line("/app/client/device/login", 3));
        assertThat(report.total()).isEqualTo(18);
    }

    @Test
    void totals_per_customer_and_pushes_by_type_count_only_their_counter() {
        assertThat(UsageReport.of(ReportKind.API_BY_CUSTOMER, ROWS).lines())
                .containsExactly(new Line("c1", 13), new Line("c2", 5));
        assertThat(UsageReport.of(ReportKind.PUSH_BY_CUSTOMER, ROWS).lines())
                .containsExactly(new Line("c1", 8), new Line("c2", 1));
        assertThat(UsageReport.of(ReportKind.PUSH_BY_TYPE, ROWS).lines())
                .containsExactly(new Line("@user", 7), new Line("@qun", 2));
        UsageReport recipients = UsageReport.of(ReportKind.RECIPIENTS_BY_TENANT, ROWS);
        assertThat(recipients.lines()).containsExactly(new Line("t2", 40), new Line("t1", 6));
        assertThat(recipients.total()).isEqualTo(46);
    }

    @Test
    void the_top_tenants_are_the_ten_that_used_most_ties_by_id_and_the_total_counts_them_all() {
        List<UsageCount> rows = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            rows.add(count("c1", String.format("t%02d", i), "push_cnt", "@user", D1, i <= 2 ? 1 : i));
        }
        UsageReport report = UsageReport.of(ReportKind.PUSH_BY_TENANT, rows);
        assertThat(report.lines()).hasSize(10);
        assertThat(report.lines().get(0)).isEqualTo(new Line("t12", 12));
        assertThat(report.lines().get(9)).isEqualTo(new Line("t03", 3));
        assertThat(report.total()).isEqualTo(3 + 4 + 5 + 6 + 7 + 8 + 9 + 10 + 11 + 12 + 1 + 1);

        rows.add(count("c1", "t00", "push_cnt", "@user", D1, 3)); // ties t03 and sorts before it
        assertThat(UsageReport.of(ReportKind.PUSH_BY_TENANT, rows).lines().get(9)).isEqualTo(new Line("t00", 3));
    }

    @Test
    void a_label_whose_counts_were_all_taken_back_is_left_out() {
        List<UsageCount> rows = List.of(count("c1", "t1", "api_cnt", "/app/client/device/push", D1, 2),
                count("c1", "t1", "api_cnt", "/app/client/device/push", D2, -2),
                count("c1", "t1", "api_cnt", "/app/client/device/login", D2, 1));
        assertThat(UsageReport.of(ReportKind.API_BY_ROUTE, rows).lines())
                .containsExactly(new Line("/app/client/device/login", 1));
        assertThat(UsageReport.of(ReportKind.API_BY_ROUTE, List.of()).lines()).isEmpty();
    }

    @Test
    void kinds_are_named_measure_by_dimension() {
        assertThat(ReportKind.of("recipients-by-type")).contains(ReportKind.RECIPIENTS_BY_TYPE);
        assertThat(ReportKind.of("pushes")).isEmpty();
        assertThat(ReportKind.names()).startsWith("api-by-route, api-by-customer, api-by-tenant, push-by-type");
    }
}

package org.appmsg.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.appmsg.domain.quota.Admission;
import org.appmsg.domain.quota.Period;
import org.appmsg.domain.quota.Quota;
import org.appmsg.domain.quota.QuotaBook;
import org.appmsg.domain.quota.QuotaItem;
import org.appmsg.domain.quota.QuotaPolicy;
import org.appmsg.domain.quota.QuotaScope;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.TenantId;
import org.junit.jupiter.api.Test;

class QuotaRulesTest {

    private static final CustomerId C = new CustomerId("c1");
    private static final TenantId T1 = new TenantId("t1");
    private static final TenantId T2 = new TenantId("t2");
    private static final QuotaScope TENANT = QuotaScope.tenant(C, T1);
    private static final QuotaScope WIDE = QuotaScope.customerWide(C);

    private static Quota push(QuotaScope scope, long value) {
        return new Quota(scope, QuotaItem.PUSH_CNT, "@user", Period.DAY, value);
    }

    @Test
    void no_row_and_minus_one_are_unlimited() {
        assertThat(QuotaPolicy.admitCount(Optional.empty(), Long.MAX_VALUE - 1)).isInstanceOf(Admission.Admitted.class);
        assertThat(QuotaPolicy.admitCount(Optional.of(push(TENANT, -1)), 1_000_000))
                .isEqualTo(new Admission.Admitted(-1));
    }

    @Test
    void a_limit_admits_up_to_its_value_and_refuses_after_naming_the_quota() {
        Quota five = push(TENANT, 5);
        assertThat(QuotaPolicy.admitCount(Optional.of(five), 0)).isEqualTo(new Admission.Admitted(4));
        assertThat(QuotaPolicy.admitCount(Optional.of(five), 4)).isEqualTo(new Admission.Admitted(0));
        Admission sixth = QuotaPolicy.admitCount(Optional.of(five), 5);
        assertThat(sixth).isInstanceOf(Admission.Refused.class);
        assertThat(((Admission.Refused) sixth).message()).contains("push_cnt @user per day of c1/t1");
        assertThat(QuotaPolicy.admitCount(Optional.of(push(TENANT, 0)), 0)).isInstanceOf(Admission.Refused.class);
    }

    @Test
    void an_expire_row_refuses_from_its_deadline_on() {
        Instant deadline = Instant.parse("2026-12-31T16:00:00Z");
        Quota expire = new Quota(TENANT, QuotaItem.EXPIRE, "*", Period.TOTAL, deadline.toEpochMilli());
        assertThat(QuotaPolicy.admitTime(Optional.of(expire), deadline.minusMillis(1)))
                .isInstanceOf(Admission.Admitted.class);
        assertThat(QuotaPolicy.admitTime(Optional.of(expire), deadline)).isInstanceOf(Admission.Refused.class);
        assertThat(QuotaPolicy.admitTime(Optional.empty(), Instant.MAX)).isInstanceOf(Admission.Admitted.class);
    }

    @Test
    void periods_are_calendar_windows_of_local_days() {
        LocalDate today = LocalDate.of(2026, 12, 4);
        assertThat(Period.DAY.firstDay(today)).isEqualTo(today);
        assertThat(Period.MONTH.firstDay(today)).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(Period.TOTAL.firstDay(today)).isEqualTo(Period.FIRST);
    }

    @Test
    void a_tenant_row_takes_precedence_over_the_customer_wide_row() {
        Quota own = push(TENANT, 5);
        Quota wide = push(WIDE, 100);
        QuotaBook book = new QuotaBook(List.of(own, wide));

        assertThat(book.applying(C, T1, QuotaItem.PUSH_CNT, "@user")).contains(own);
        assertThat(book.applying(C, T2, QuotaItem.PUSH_CNT, "@user")).contains(wide);
        assertThat(book.applying(C, T2, QuotaItem.PUSH_CNT, "@qun")).isEmpty();
        assertThat(book.applying(new CustomerId("c2"), T1, QuotaItem.PUSH_CNT, "@user")).isEmpty();
    }

    @Test
    void a_call_is_counted_by_the_tenants_limited_row_and_by_the_customer_wide_one() {
        Quota own = push(TENANT, 5);
        Quota wide = push(WIDE, 100);
        Quota unlimitedOther = push(QuotaScope.tenant(C, T2), Quota.UNLIMITED);
        QuotaBook book = new QuotaBook(List.of(own, wide, unlimitedOther));

        assertThat(book.counting(C, T1, QuotaItem.PUSH_CNT, "@user")).containsExactly(own, wide);
        assertThat(book.counting(C, T2, QuotaItem.PUSH_CNT, "@user")).as("an unlimited row counts nothing")
                .containsExactly(wide);
        assertThat(book.counting(C, T1, QuotaItem.PUSH_CNT, "@qun")).isEmpty();
    }

    @Test
    void an_expire_row_for_a_route_comes_before_the_every_route_row() {
        Quota all = new Quota(WIDE, QuotaItem.EXPIRE, "*", Period.TOTAL, 1_000);
        Quota login = new Quota(WIDE, QuotaItem.EXPIRE, "/app/client/device/login", Period.TOTAL, 2_000);
        QuotaBook book = new QuotaBook(List.of(all, login));

        assertThat(book.expiry(C, T1, "/app/client/device/login")).contains(login);
        assertThat(book.expiry(C, T1, "/app/client/device/push")).contains(all);
    }

    @Test
    void malformed_rows_are_refused_naming_the_field() {
        assertThatThrownBy(() -> new Quota(TENANT, QuotaItem.PUSH_CNT, "@nobody", Period.DAY, 5))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("key");
        assertThatThrownBy(() -> new Quota(TENANT, QuotaItem.API_CNT, "login", Period.DAY, 5))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("key");
        assertThatThrownBy(() -> push(TENANT, -2)).isInstanceOf(DomainViolation.class).hasMessageContaining("value");
        assertThatThrownBy(() -> new Quota(TENANT, QuotaItem.EXPIRE, "*", Period.DAY, 5))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("period");
    }
}

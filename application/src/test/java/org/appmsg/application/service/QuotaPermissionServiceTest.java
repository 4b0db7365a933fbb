package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.appmsg.application.fake.InMemoryQuotaPermissions;
import org.appmsg.application.fake.InMemoryQuotaStore;
import org.appmsg.application.fake.InMemoryUsageLedger;
import org.appmsg.application.port.in.ManageQuotaPermissionUseCase.Request;
import org.appmsg.application.port.in.ManageQuotaPermissionUseCase.Result.NotFound;
import org.appmsg.application.port.in.ManageQuotaPermissionUseCase.Result.Permission;
import org.appmsg.application.port.in.SyncQuotaUseCase.Command;
import org.appmsg.application.port.in.SyncQuotaUseCase.Result;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.quota.Period;
import org.appmsg.domain.quota.Quota;
import org.appmsg.domain.quota.QuotaItem;
import org.appmsg.domain.quota.QuotaScope;
import org.appmsg.domain.shared.AppId;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** In {@link Fixture#twoCustomers()}: customer c1 has tenants t1 (application a-t1) and t2, customer c2 has t3. */
class QuotaPermissionServiceTest {

    private static final AppId A_T1 = new AppId("a-t1");
    private static final CustomerId C1 = new CustomerId("c1");

    private final Fixture f = new Fixture();
    private final InMemoryQuotaStore store = new InMemoryQuotaStore();
    private final InMemoryQuotaPermissions permissions = new InMemoryQuotaPermissions();
    private final MeterCallsService meter = new MeterCallsService(store, new InMemoryUsageLedger(), f.clock, f.access,
            f.authenticate, f.users, f.directory);
    private final QuotaPermissionService service = new QuotaPermissionService(f.access, permissions, f.directory,
            store, new QuotaAdminService(store, new InMemoryUsageLedger(), meter, f.directory, f.access, f.clock),
            f.clock);

    @BeforeEach
    void directory() {
        f.twoCustomers();
        meter.refresh();
    }

    private Result sync(Secret token, String customer, String tenant, String apiName, String type, String value,
            String period) {
        return service.sync(new Command(token, customer, tenant, apiName, type, value, period));
    }

    @Test
    void the_operator_grants_reads_and_revokes_an_existing_applications_permission() {
        assertThat(service.manage(new Request.Read(A_T1))).isEqualTo(new Permission(A_T1, false));
        assertThat(service.manage(new Request.Change(A_T1, true))).isEqualTo(new Permission(A_T1, true));
        assertThat(service.manage(new Request.Read(A_T1))).isEqualTo(new Permission(A_T1, true));
        assertThat(service.manage(new Request.Change(A_T1, false))).isEqualTo(new Permission(A_T1, false));
        assertThat(service.manage(new Request.Change(new AppId("ghost"), true)))
                .isEqualTo(new NotFound("application ghost does not exist"));
        assertThat(permissions.maySetQuotas(new AppId("ghost"))).isFalse();
    }

    @Test
    void without_the_permission_an_application_is_refused_and_nothing_is_stored() {
        assertThat(sync(f.t1App, "c1", "t1", "@user", "push_cnt", "5", "day"))
                .isInstanceOfSatisfying(Result.NotPermitted.class,
                        r -> assertThat(r.reason()).contains("a-t1 may not set quotas"));
        assertThat(sync(new Secret("no-such-token"), "c1", "t1", "@user", "push_cnt", "5", "day"))
                .isEqualTo(new Result.NotPermitted("Authorization failure"));
        assertThat(store.quotas()).isEmpty();
    }

    @Test
    void a_granted_application_replaces_rows_of_its_customers_tenants_as_the_operator_would() {
        service.manage(new Request.Change(A_T1, true));

        assertThat(sync(f.t1App, "c1", "t2", "@user", "push_cnt", "5", "day")).isInstanceOf(Result.Done.class);
        assertThat(sync(f.t1App, "c1", "t2", "@user", "push_cnt", "7", "day")).isInstanceOf(Result.Done.class);
        assertThat(sync(f.t1App, "c1", "*", "/app/client/device/login", "api_cnt", "-1", "")).isInstanceOf(
                Result.Done.class);
        assertThat(store.quotas()).containsExactlyInAnyOrder(
                new Quota(QuotaScope.tenant(C1, new TenantId("t2")), QuotaItem.PUSH_CNT, "@user", Period.DAY, 7),
                new Quota(QuotaScope.customerWide(C1), QuotaItem.API_CNT, "/app/client/device/login", Period.TOTAL,
                        -1));
        // applies on this node at once: the meter's book has it
        assertThat(meter.meter().book().applying(C1, new TenantId("t2"), QuotaItem.PUSH_CNT, "@user"))
                .map(Quota::value).contains(7L);
    }

    @Test
    void an_empty_expire_api_name_is_every_route_and_a_legacy_deadline_is_read_in_the_customers_zone() {
        service.manage(new Request.Change(A_T1, true));
        store.setZone(C1, ZoneId.of("Asia/Shanghai"), Instant.EPOCH);

        assertThat(sync(f.t1App, "c1", "t1", "", "expire", "2026/12/31 23:59:59", "")).isEqualTo(new Result.Done(
                new Quota(QuotaScope.tenant(C1, new TenantId("t1")), QuotaItem.EXPIRE, "*", Period.TOTAL,
                        Instant.parse("2026-12-31T15:59:59Z").toEpochMilli())));
    }

    @Test
    void another_customer_is_not_permitted_and_bad_fields_are_named_changing_nothing() {
        service.manage(new Request.Change(A_T1, true));
        assertThat(sync(f.t1App, "c2", "t3", "@user", "push_cnt", "5", "day"))
                .isInstanceOfSatisfying(Result.NotPermitted.class,
                        r -> assertThat(r.reason()).contains("own customer c1 only"));
        record Bad(Result result, String field, String says) {}
        for (Bad bad : List.of(
                new Bad(sync(f.t1App, "c1", "t3", "@user", "push_cnt", "5", "day"), "quata.tenantId",
                        "quata.tenantId t3 is not a tenant of c1"),
                new Bad(sync(f.t1App, "c1", "bad_id", "@user", "push_cnt", "5", "day"), "quata.tenantId",
                        "quata.tenantId"),
                new Bad(sync(f.t1App, "c1", "t1", "@user", "bogus", "5", "day"), "quata.type",
                        "quata.type must be api_cnt, push_cnt or expire"),
                new Bad(sync(f.t1App, "c1", "t1", "", "push_cnt", "5", "day"), "quata.apiName",
                        "quata.apiName of a push_cnt quota must be @user, @qun, @app, @org or @tenant"),
                new Bad(sync(f.t1App, "c1", "t1", "@user", "push_cnt", "five", "day"), "quata.value",
                        "quata.value must be an integer"),
                new Bad(sync(f.t1App, "c1", "t1", "@user", "push_cnt", "-5", "day"), "quata.value",
                        "quata.value must be -1 (unlimited) or more"),
                new Bad(sync(f.t1App, "c1", "t1", "@user", "push_cnt", "5", "week"), "quata.period",
                        "quata.period must be total, month or day"),
                new Bad(sync(f.t1App, "c1", "t1", "*", "expire", "2026-12-31", ""), "quata.value",
                        "quata.value of an expire quota must be a deadline yyyy/MM/dd HH:mm:ss"))) {
            assertThat(bad.result()).isInstanceOfSatisfying(Result.Invalid.class, r -> {
                assertThat(r.field()).isEqualTo(bad.field());
                assertThat(r.message()).startsWith(bad.says());
            });
        }
        assertThat(store.quotas()).isEmpty();
    }

    @Test
    void a_revoke_holds_from_the_next_call() {
        service.manage(new Request.Change(A_T1, true));
        assertThat(sync(f.t1App, "c1", "t1", "@user", "push_cnt", "5", "day")).isInstanceOf(Result.Done.class);
        service.manage(new Request.Change(A_T1, false));
        assertThat(sync(f.t1App, "c1", "t1", "@user", "push_cnt", "9", "day"))
                .isInstanceOf(Result.NotPermitted.class);
        assertThat(store.quotas()).extracting(Quota::value).containsExactly(5L);
    }
}

package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.appmsg.application.port.in.SyncTenantUseCase.Command;
import org.appmsg.application.port.in.SyncTenantUseCase.Result;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.tenant.Customer;
import org.appmsg.domain.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SyncTenantServiceTest {

    private final Fixture f = new Fixture();
    private final SyncTenantService sync = new SyncTenantService(f.access, f.directory);

    @BeforeEach
    void world() {
        f.twoCustomers();
    }

    private static Command command(Secret app, String id, String customer) {
        return new Command(app, new TenantId(id), "new-code", "New name", new CustomerId(customer), 7);
    }

    private Tenant tenant(String id) {
        return f.directory.findTenant(new TenantId(id)).orElseThrow();
    }

    @Test
    void a_tenant_scoped_application_updates_its_own_tenant() {
        assertThat(sync.sync(command(f.t1App, "t1", "c1"))).isEqualTo(new Result.Updated(new TenantId("t1")));

        assertThat(tenant("t1")).isEqualTo(new Tenant(new TenantId("t1"), "new-code", "New name", new CustomerId("c1"), 7));
    }

    @Test
    void a_tenant_scoped_application_creates_no_tenant_and_updates_no_other() {
        Tenant t2 = tenant("t2");

        assertThat(sync.sync(command(f.t1App, "t9", "c1"))).as("unknown and existing: one answer")
                .isEqualTo(new Result.OutOfScope("tenant t9 is outside the application's scope"));
        assertThat(sync.sync(command(f.t1App, "t2", "c1")))
                .isEqualTo(new Result.OutOfScope("tenant t2 is outside the application's scope"));
        assertThat(sync.sync(command(f.t1App, "t3", "c2"))).isInstanceOf(Result.OutOfScope.class);

        assertThat(f.directory.findTenant(new TenantId("t9"))).isEmpty();
        assertThat(tenant("t2")).isEqualTo(t2);
    }

    @Test
    void a_customer_wide_application_creates_and_updates_tenants_of_its_customer() {
        assertThat(sync.sync(command(f.c1App, "t9", "c1"))).isEqualTo(new Result.Created(new TenantId("t9")));
        assertThat(sync.sync(new Command(f.c1App, new TenantId("t9"), "", "Renamed", new CustomerId("c1"), 0)))
                .isEqualTo(new Result.Updated(new TenantId("t9")));
        assertThat(sync.sync(command(f.c1App, "t2", "c1"))).isEqualTo(new Result.Updated(new TenantId("t2")));

        assertThat(tenant("t9").name()).isEqualTo("Renamed");
        assertThat(tenant("t9").customer()).isEqualTo(new CustomerId("c1"));
        assertThat(tenant("t2").status()).isEqualTo(7);
    }

    @Test
    void a_customer_wide_application_never_reaches_another_customer() {
        Tenant t3 = tenant("t3");

        assertThat(sync.sync(command(f.c1App, "t9", "c2"))).as("create for another customer")
                .isInstanceOf(Result.OutOfScope.class);
        assertThat(sync.sync(command(f.c1App, "t3", "c2"))).as("update another customer's tenant")
                .isInstanceOf(Result.OutOfScope.class);
        assertThat(sync.sync(command(f.c1App, "t3", "c1"))).as("take over another customer's tenant")
                .isEqualTo(new Result.Invalid("tenant id \"t3\" is already used"));
        assertThat(sync.sync(command(f.c2App, "t1", "c2"))).isEqualTo(new Result.Invalid("tenant id \"t1\" is already used"));

        assertThat(f.directory.findTenant(new TenantId("t9"))).isEmpty();
        assertThat(tenant("t3")).isEqualTo(t3);
        assertThat(tenant("t1").customer()).isEqualTo(new CustomerId("c1"));
    }

    @Test
    void the_customer_of_a_tenant_never_changes() {
        f.directory.saveCustomer(new Customer(new CustomerId("c9"), "Other"));
        Tenant t1 = tenant("t1");

        assertThat(sync.sync(command(f.t1App, "t1", "c2"))).isInstanceOf(Result.OutOfScope.class);
        assertThat(sync.sync(command(f.c1App, "t2", "c9"))).isInstanceOf(Result.OutOfScope.class);
        assertThat(sync.sync(command(f.c2App, "t3", "c1"))).isInstanceOf(Result.OutOfScope.class);

        assertThat(tenant("t1")).isEqualTo(t1);
        assertThat(tenant("t2").customer()).isEqualTo(new CustomerId("c1"));
        assertThat(tenant("t3").customer()).isEqualTo(new CustomerId("c2"));
    }

    @Test
    void a_tenant_moved_to_another_customer_is_refused_even_while_the_application_is_cached() {
        assertThat(f.access.authenticate(f.t1App)).as("now cached with customer c1").isPresent();
        Tenant moved = new Tenant(new TenantId("t1"), "", "Moved by the operator", new CustomerId("c2"));
        f.directory.saveTenant(moved);

        assertThat(sync.sync(command(f.t1App, "t1", "c1"))).isInstanceOf(Result.OutOfScope.class);

        assertThat(tenant("t1")).isEqualTo(moved);
    }

    @Test
    void an_unknown_or_disabled_application_is_unauthorized() {
        Tenant t1 = tenant("t1");

        assertThat(sync.sync(command(new Secret("nope"), "t1", "c1"))).isEqualTo(new Result.Unauthorized());
        assertThat(sync.sync(command(f.offApp, "t1", "c1"))).isEqualTo(new Result.Unauthorized());
        assertThat(sync.sync(command(f.offApp, "t9", "c1"))).isEqualTo(new Result.Unauthorized());

        assertThat(tenant("t1")).isEqualTo(t1);
        assertThat(f.directory.findTenant(new TenantId("t9"))).isEmpty();
    }
}

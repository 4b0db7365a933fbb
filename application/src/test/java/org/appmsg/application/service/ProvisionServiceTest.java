package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.appmsg.application.port.in.ProvisionUseCase.Request;
import org.appmsg.application.port.in.ProvisionUseCase.Result;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.tenant.Application;
import org.appmsg.domain.tenant.ApplicationScope;
import org.appmsg.domain.tenant.Tenant;
import org.junit.jupiter.api.Test;

class ProvisionServiceTest {

    private final Fixture f = new Fixture();
    private final ProvisionService provision = new ProvisionService(f.directory, f.ids, f.access);

    private Result.ApplicationCreated world() {
        provision.provision(new Request.CreateCustomer("c2", "Globex"));
        provision.provision(new Request.CreateCustomer("c1", "ACME"));
        provision.provision(new Request.CreateTenant("t2", "", "T2", "c1"));
        provision.provision(new Request.CreateTenant("t1", "", "T1", "c1"));
        provision.provision(new Request.CreateTenant("t3", "", "T3", "c2"));
        provision.provision(new Request.CreateApplication("a2", "CRM", "t2", ApplicationScope.TENANT));
        return (Result.ApplicationCreated) provision.provision(
                new Request.CreateApplication("a1", "HR", "t1", ApplicationScope.CUSTOMER));
    }

    @Test
    void customers_tenants_and_applications_are_created_in_order_with_generated_ids() {
        var customer = (Result.CustomerSaved) provision.provision(new Request.CreateCustomer("", "ACME"));
        var tenant = (Result.TenantSaved) provision.provision(
                new Request.CreateTenant("t1", "hq", "Head office", customer.customer().id().value()));
        var app = (Result.ApplicationCreated) provision.provision(
                new Request.CreateApplication("", "HR", "t1", ApplicationScope.CUSTOMER));

        assertThat(customer.customer().id().value()).isNotEmpty();
        assertThat(tenant.tenant().customer()).isEqualTo(customer.customer().id());
        assertThat(app.application().scope()).isEqualTo(ApplicationScope.CUSTOMER);
        assertThat(f.directory.findApplicationByToken(app.token().digest())).hasValue(app.application());
    }

    @Test
    void missing_references_and_taken_application_ids_are_refused() {
        assertThat(provision.provision(new Request.CreateTenant("t1", "", "T", "nope"))).isInstanceOf(Result.Refused.class);
        assertThat(provision.provision(new Request.CreateApplication("a1", "HR", "nope", ApplicationScope.TENANT)))
                .isInstanceOf(Result.Refused.class);
        provision.provision(new Request.CreateCustomer("c1", "ACME"));
        provision.provision(new Request.CreateTenant("t1", "", "T", "c1"));
        provision.provision(new Request.CreateApplication("a1", "HR", "t1", ApplicationScope.TENANT));
        assertThat(provision.provision(new Request.CreateApplication("a1", "Other", "t1", ApplicationScope.TENANT)))
                .isInstanceOf(Result.Refused.class);
    }

    @Test
    void updating_a_tenant_keeps_the_status_its_platform_synced() {
        world();
        f.directory.saveTenant(new Tenant(new TenantId("t1"), "", "T1", new CustomerId("c1"), 4));

        assertThat(provision.provision(new Request.CreateTenant("t1", "hq", "Renamed", "c1")))
                .isEqualTo(new Result.TenantSaved(new Tenant(new TenantId("t1"), "hq", "Renamed", new CustomerId("c1"), 4)));
    }

    @Test
    void lists_customers_tenants_and_applications_by_id() {
        world();

        assertThat(provision.provision(new Request.ListCustomers())).isInstanceOfSatisfying(Result.Customers.class,
                r -> assertThat(r.customers()).extracting(c -> c.id().value()).containsExactly("c1", "c2"));
        assertThat(provision.provision(new Request.ListTenants(""))).isInstanceOfSatisfying(Result.Tenants.class,
                r -> assertThat(r.tenants()).extracting(t -> t.id().value()).containsExactly("t1", "t2", "t3"));
        assertThat(provision.provision(new Request.ListTenants("c1"))).isInstanceOfSatisfying(Result.Tenants.class,
                r -> assertThat(r.tenants()).extracting(t -> t.id().value()).containsExactly("t1", "t2"));
        assertThat(provision.provision(new Request.ListApplications(""))).isInstanceOfSatisfying(Result.Applications.class,
                r -> assertThat(r.applications()).extracting(a -> a.id().value()).containsExactly("a1", "a2"));
        assertThat(provision.provision(new Request.ListApplications("t2"))).isInstanceOfSatisfying(Result.Applications.class,
                r -> assertThat(r.applications()).extracting(a -> a.id().value()).containsExactly("a2"));
        assertThat(provision.provision(new Request.ListApplications("t3"))).isEqualTo(new Result.Applications(java.util.List.of()));
    }

    @Test
    void listing_an_unknown_customer_or_tenant_is_not_found() {
        world();

        assertThat(provision.provision(new Request.ListTenants("c9"))).isInstanceOf(Result.NotFound.class);
        assertThat(provision.provision(new Request.ListApplications("t9"))).isInstanceOf(Result.NotFound.class);
    }

    @Test
    void a_disabled_application_is_refused_at_once_and_can_be_enabled_again() {
        var app = world();
        assertThat(f.access.authenticate(app.token())).as("now cached").isPresent();

        assertThat(provision.provision(new Request.SetApplicationEnabled("a1", false)))
                .isEqualTo(new Result.ApplicationUpdated(app.application().withEnabled(false)));
        assertThat(f.access.authenticate(app.token())).isEmpty();

        assertThat(provision.provision(new Request.SetApplicationEnabled("a1", true)))
                .isEqualTo(new Result.ApplicationUpdated(app.application()));
        assertThat(f.access.authenticate(app.token())).isPresent();
    }

    @Test
    void a_rotated_token_replaces_the_old_one_at_once() {
        var app = world();
        assertThat(f.access.authenticate(app.token())).as("now cached").isPresent();

        var rotated = (Result.TokenRotated) provision.provision(new Request.RotateApplicationToken("a1"));

        assertThat(rotated.application()).isEqualTo(app.application());
        assertThat(rotated.token()).isNotEqualTo(app.token());
        assertThat(f.access.authenticate(app.token())).isEmpty();
        assertThat(f.access.authenticate(rotated.token())).hasValueSatisfying(
                g -> assertThat(g.application().id()).isEqualTo(app.application().id()));
    }

    @Test
    void an_unknown_application_is_not_found_for_updates_and_rotation() {
        world();
        var before = f.directory.applications();

        assertThat(provision.provision(new Request.SetApplicationEnabled("a9", false))).isInstanceOf(Result.NotFound.class);
        assertThat(provision.provision(new Request.RotateApplicationToken("a9"))).isInstanceOf(Result.NotFound.class);

        assertThat(f.directory.applications()).isEqualTo(before);
        assertThat(f.directory.applications()).allMatch(Application::enabled);
    }
}

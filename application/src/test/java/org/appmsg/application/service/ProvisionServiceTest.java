package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.appmsg.application.fake.InMemoryDirectoryRepository;
import org.appmsg.application.fake.SequentialIds;
import org.appmsg.application.port.in.ProvisionUseCase.Request;
import org.appmsg.application.port.in.ProvisionUseCase.Result;
import org.junit.jupiter.api.Test;

class ProvisionServiceTest {

    private final InMemoryDirectoryRepository directory = new InMemoryDirectoryRepository();
    private final ProvisionService provision = new ProvisionService(directory, new SequentialIds());

    @Test
    void customers_tenants_and_applications_are_created_in_order_with_generated_ids() {
        var customer = (Result.CustomerSaved) provision.provision(new Request.CreateCustomer("", "ACME"));
        var tenant = (Result.TenantSaved) provision.provision(
                new Request.CreateTenant("t1", "hq", "Head office", customer.customer().id().value()));
        var app = (Result.ApplicationCreated) provision.provision(new Request.CreateApplication("", "HR", "t1"));

        assertThat(customer.customer().id().value()).isNotEmpty();
        assertThat(tenant.tenant().customer()).isEqualTo(customer.customer().id());
        assertThat(directory.findApplicationByToken(app.token().digest())).hasValue(app.application());
    }

    @Test
    void missing_references_and_taken_application_ids_are_refused() {
        assertThat(provision.provision(new Request.CreateTenant("t1", "", "T", "nope"))).isInstanceOf(Result.Refused.class);
        assertThat(provision.provision(new Request.CreateApplication("a1", "HR", "nope"))).isInstanceOf(Result.Refused.class);
        provision.provision(new Request.CreateCustomer("c1", "ACME"));
        provision.provision(new Request.CreateTenant("t1", "", "T", "c1"));
        provision.provision(new Request.CreateApplication("a1", "HR", "t1"));
        assertThat(provision.provision(new Request.CreateApplication("a1", "Other", "t1"))).isInstanceOf(Result.Refused.class);
    }
}

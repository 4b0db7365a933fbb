package org.appmsg.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.appmsg.application.port.out.DirectoryRepository;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.AppId;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.tenant.Application;
import org.appmsg.domain.tenant.Customer;
import org.appmsg.domain.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link DirectoryRepository} does, whatever stores it. */
public abstract class DirectoryRepositoryContract {

    private DirectoryRepository directory;

    /** The repository under test, asked for once before each test; it may be shared (tests use fresh ids). */
    protected abstract DirectoryRepository directory();

    @BeforeEach
    void setUpDirectory() {
        directory = directory();
    }

    @Test
    void a_saved_customer_is_found_and_saving_it_again_replaces_it() {
        CustomerId id = new CustomerId(fresh());
        directory.saveCustomer(new Customer(id, "Acme"));
        assertThat(directory.findCustomer(id)).contains(new Customer(id, "Acme"));

        directory.saveCustomer(new Customer(id, "Acme Ltd"));
        assertThat(directory.findCustomer(id)).contains(new Customer(id, "Acme Ltd"));
    }

    @Test
    void a_saved_tenant_is_found_and_saving_it_again_replaces_it() {
        Tenant tenant = new Tenant(new TenantId(fresh()), "T-01", "Head office", new CustomerId(fresh()));
        directory.saveTenant(tenant);
        assertThat(directory.findTenant(tenant.id())).contains(tenant);

        Tenant moved = new Tenant(tenant.id(), "", "Branch", new CustomerId(fresh()));
        directory.saveTenant(moved);
        assertThat(directory.findTenant(tenant.id())).contains(moved);
    }

    @Test
    void unknown_customers_tenants_and_applications_are_not_found() {
        assertThat(directory.findCustomer(new CustomerId(fresh()))).isEmpty();
        assertThat(directory.findTenant(new TenantId(fresh()))).isEmpty();
        assertThat(directory.findApplication(new AppId(fresh()))).isEmpty();
        assertThat(directory.findApplicationByToken(digest())).isEmpty();
    }

    @Test
    void an_application_is_found_by_id_and_by_the_digest_of_its_token() {
        Application app = new Application(new AppId(fresh()), "CRM", new TenantId(fresh()), true);
        String digest = digest();
        directory.insertApplication(app, digest);

        assertThat(directory.findApplication(app.id())).contains(app);
        assertThat(directory.findApplicationByToken(digest)).contains(app);
    }

    @Test
    void a_disabled_application_is_still_found_by_its_token() {
        Application app = new Application(new AppId(fresh()), "Old CRM", new TenantId(fresh()), false);
        String digest = digest();
        directory.insertApplication(app, digest);
        assertThat(directory.findApplicationByToken(digest)).contains(app);
    }

    @Test
    void inserting_an_application_id_twice_is_refused_and_keeps_the_first() {
        Application app = new Application(new AppId(fresh()), "First", new TenantId(fresh()), true);
        String digest = digest();
        directory.insertApplication(app, digest);

        Application again = new Application(app.id(), "Second", app.tenant(), true);
        assertThatThrownBy(() -> directory.insertApplication(again, digest())).isInstanceOf(IllegalStateException.class);
        assertThat(directory.findApplication(app.id())).contains(app);
        assertThat(directory.findApplicationByToken(digest)).contains(app);
    }

    private static String fresh() {
        return UUID.randomUUID().toString();
    }

    private static String digest() {
        return new Secret(UUID.randomUUID().toString()).digest();
    }
}

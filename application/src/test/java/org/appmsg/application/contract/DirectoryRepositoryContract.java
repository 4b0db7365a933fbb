package org.appmsg.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.appmsg.application.port.out.DirectoryRepository;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.AppId;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.tenant.Application;
import org.appmsg.domain.tenant.ApplicationScope;
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

    @Test
    void a_tenant_keeps_its_status_and_an_application_its_scope() {
        Tenant tenant = new Tenant(new TenantId(fresh()), "T-02", "Branch", new CustomerId(fresh()), 3);
        directory.saveTenant(tenant);
        assertThat(directory.findTenant(tenant.id())).contains(tenant);
        Tenant changed = new Tenant(tenant.id(), "T-02", "Branch", tenant.customer(), -1);
        directory.saveTenant(changed);
        assertThat(directory.findTenant(tenant.id())).contains(changed);

        Application wide = new Application(new AppId(fresh()), "Group CRM", tenant.id(), true,
                ApplicationScope.CUSTOMER);
        String digest = digest();
        directory.insertApplication(wide, digest);
        assertThat(directory.findApplication(wide.id())).contains(wide);
        assertThat(directory.findApplicationByToken(digest)).contains(wide);
        assertThat(directory.applicationsOf(tenant.id())).containsExactly(wide);
    }

    @Test
    void customers_are_listed_in_id_order() {
        Customer b = new Customer(new CustomerId("b-" + fresh()), "B");
        Customer a = new Customer(new CustomerId("a-" + fresh()), "A");
        directory.saveCustomer(b);
        directory.saveCustomer(a);

        List<Customer> all = directory.customers();
        assertThat(all).containsSubsequence(a, b);
        assertThat(all).extracting(c -> c.id().value()).isSorted();
    }

    @Test
    void tenants_are_listed_in_id_order_all_of_them_or_those_of_one_customer() {
        CustomerId customer = new CustomerId(fresh());
        String prefix = fresh();
        Tenant t2 = new Tenant(new TenantId(prefix + "-2"), "", "Two", customer, 1);
        Tenant t1 = new Tenant(new TenantId(prefix + "-1"), "", "One", customer);
        Tenant elsewhere = new Tenant(new TenantId(prefix + "-0"), "", "Elsewhere", new CustomerId(fresh()));
        directory.saveTenant(t2);
        directory.saveTenant(t1);
        directory.saveTenant(elsewhere);

        assertThat(directory.tenantsOf(customer)).containsExactly(t1, t2);
        assertThat(directory.tenantsOf(new CustomerId(fresh()))).isEmpty();
        List<Tenant> all = directory.tenants();
        assertThat(all).containsSubsequence(elsewhere, t1, t2);
        assertThat(all).extracting(t -> t.id().value()).isSorted();

        Tenant moved = new Tenant(t1.id(), "", "One", elsewhere.customer());
        directory.saveTenant(moved);
        assertThat(directory.tenantsOf(customer)).containsExactly(t2);
        assertThat(directory.tenantsOf(elsewhere.customer())).containsExactly(elsewhere, moved);
    }

    @Test
    void applications_are_listed_in_id_order_enabled_or_not_all_of_them_or_those_of_one_tenant() {
        TenantId tenant = new TenantId(fresh());
        String prefix = fresh();
        Application b = new Application(new AppId(prefix + "-b"), "B", tenant, false);
        Application a = new Application(new AppId(prefix + "-a"), "A", tenant, true, ApplicationScope.CUSTOMER);
        Application other = new Application(new AppId(prefix + "-c"), "C", new TenantId(fresh()), true);
        directory.insertApplication(b, digest());
        directory.insertApplication(a, digest());
        directory.insertApplication(other, digest());

        assertThat(directory.applicationsOf(tenant)).containsExactly(a, b);
        assertThat(directory.applicationsOf(new TenantId(fresh()))).isEmpty();
        List<Application> all = directory.applications();
        assertThat(all).containsSubsequence(a, b, other);
        assertThat(all).extracting(x -> x.id().value()).isSorted();
    }

    @Test
    void an_application_can_be_disabled_and_enabled_again() {
        Application app = new Application(new AppId(fresh()), "CRM", new TenantId(fresh()), true,
                ApplicationScope.CUSTOMER);
        String digest = digest();
        directory.insertApplication(app, digest);

        assertThat(directory.setApplicationEnabled(app.id(), false)).isTrue();
        assertThat(directory.findApplication(app.id())).contains(app.withEnabled(false));
        assertThat(directory.findApplicationByToken(digest)).contains(app.withEnabled(false));
        assertThat(directory.setApplicationEnabled(app.id(), false)).isTrue(); // already so: still found
        assertThat(directory.setApplicationEnabled(app.id(), true)).isTrue();
        assertThat(directory.findApplication(app.id())).contains(app);
    }

    @Test
    void enabling_an_unknown_application_finds_nothing() {
        AppId unknown = new AppId(fresh());
        assertThat(directory.setApplicationEnabled(unknown, true)).isFalse();
        assertThat(directory.findApplication(unknown)).isEmpty();
    }

    @Test
    void a_replaced_token_stops_working_and_the_new_one_finds_the_application() {
        Application app = new Application(new AppId(fresh()), "CRM", new TenantId(fresh()), true);
        String oldDigest = digest();
        directory.insertApplication(app, oldDigest);
        String newDigest = digest();

        assertThat(directory.replaceApplicationToken(app.id(), newDigest)).isTrue();
        assertThat(directory.findApplicationByToken(oldDigest)).isEmpty();
        assertThat(directory.findApplicationByToken(newDigest)).contains(app);
        assertThat(directory.findApplication(app.id())).contains(app);

        String unused = digest();
        assertThat(directory.replaceApplicationToken(new AppId(fresh()), unused)).isFalse();
        assertThat(directory.findApplicationByToken(unused)).isEmpty();
    }

    private static String fresh() {
        return UUID.randomUUID().toString();
    }

    private static String digest() {
        return new Secret(UUID.randomUUID().toString()).digest();
    }
}

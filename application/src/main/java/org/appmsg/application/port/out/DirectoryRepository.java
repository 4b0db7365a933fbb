package org.appmsg.application.port.out;

import java.util.List;
import java.util.Optional;
import org.appmsg.domain.shared.AppId;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.tenant.Application;
import org.appmsg.domain.tenant.Customer;
import org.appmsg.domain.tenant.Tenant;

/**
 * Customers, tenants and applications: the part of the directory the operator provisions.
 * Saves are upserts keyed by id. Failures surface as {@link StorageUnavailableException}.
 */
public interface DirectoryRepository {

    void saveCustomer(Customer customer);

    Optional<Customer> findCustomer(CustomerId id);

    void saveTenant(Tenant tenant);

    Optional<Tenant> findTenant(TenantId id);

    /** Inserts a new application with the digest of its token; an existing id is a programming error. */
    void insertApplication(Application application, String tokenDigest);

    Optional<Application> findApplication(AppId id);

    /** The application whose token has this digest, whether enabled or not. */
    Optional<Application> findApplicationByToken(String tokenDigest);

    /** Every customer, ordered by id. */
    List<Customer> customers();

    /** Every tenant, ordered by id. */
    List<Tenant> tenants();

    /** The customer's tenants, ordered by id. */
    List<Tenant> tenantsOf(CustomerId customer);

    /** Every application, enabled or not, ordered by id. */
    List<Application> applications();

    /** The tenant's applications, enabled or not, ordered by id. */
    List<Application> applicationsOf(TenantId tenant);

    /** Enables or disables the application; false when it does not exist. */
    boolean setApplicationEnabled(AppId id, boolean enabled);

    /** Replaces the application's token digest (the old token stops working); false when it does not exist. */
    boolean replaceApplicationToken(AppId id, String tokenDigest);
}

package org.appmsg.application.fake;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.appmsg.application.port.out.DirectoryRepository;
import org.appmsg.domain.shared.AppId;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.tenant.Application;
import org.appmsg.domain.tenant.Customer;
import org.appmsg.domain.tenant.Tenant;

public final class InMemoryDirectoryRepository implements DirectoryRepository {

    private final Map<CustomerId, Customer> customers = new ConcurrentHashMap<>();
    private final Map<TenantId, Tenant> tenants = new ConcurrentHashMap<>();
    private final Map<AppId, Application> applications = new ConcurrentHashMap<>();
    private final Map<String, AppId> byToken = new ConcurrentHashMap<>();

    @Override
    public void saveCustomer(Customer customer) {
        customers.put(customer.id(), customer);
    }

    @Override
    public Optional<Customer> findCustomer(CustomerId id) {
        return Optional.ofNullable(customers.get(id));
    }

    @Override
    public void saveTenant(Tenant tenant) {
        tenants.put(tenant.id(), tenant);
    }

    @Override
    public Optional<Tenant> findTenant(TenantId id) {
        return Optional.ofNullable(tenants.get(id));
    }

    @Override
    public synchronized void insertApplication(Application application, String tokenDigest) {
        if (applications.putIfAbsent(application.id(), application) != null) {
            throw new IllegalStateException("application " + application.id() + " exists");
        }
        byToken.put(tokenDigest, application.id());
    }

    @Override
    public Optional<Application> findApplication(AppId id) {
        return Optional.ofNullable(applications.get(id));
    }

    @Override
    public Optional<Application> findApplicationByToken(String tokenDigest) {
        return Optional.ofNullable(byToken.get(tokenDigest)).map(applications::get);
    }
}

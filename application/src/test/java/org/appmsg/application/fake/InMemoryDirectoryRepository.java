package org.appmsg.application.fake;

import java.util.Comparator;
import java.util.List;
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

    @Override
    public List<Customer> customers() {
        return customers.values().stream().sorted(Comparator.comparing(c -> c.id().value())).toList();
    }

    @Override
    public List<Tenant> tenants() {
        return tenants.values().stream().sorted(Comparator.comparing(t -> t.id().value())).toList();
    }

    @Override
    public List<Tenant> tenantsOf(CustomerId customer) {
        return tenants().stream().filter(t -> t.customer().equals(customer)).toList();
    }

    @Override
    public List<Application> applications() {
        return applications.values().stream().sorted(Comparator.comparing(a -> a.id().value())).toList();
    }

    @Override
    public List<Application> applicationsOf(TenantId tenant) {
        return applications().stream().filter(a -> a.tenant().equals(tenant)).toList();
    }

    @Override
    public boolean setApplicationEnabled(AppId id, boolean enabled) {
        return applications.computeIfPresent(id, (k, a) -> a.withEnabled(enabled)) != null;
    }

    @Override
    public synchronized boolean replaceApplicationToken(AppId id, String tokenDigest) {
        if (!applications.containsKey(id)) {
            return false;
        }
        byToken.values().removeIf(id::equals);
        byToken.put(tokenDigest, id);
        return true;
    }
}

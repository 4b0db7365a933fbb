package org.appmsg.application.service;

import java.util.Optional;
import org.appmsg.application.port.in.ProvisionUseCase;
import org.appmsg.application.port.out.DirectoryRepository;
import org.appmsg.application.port.out.IdGenerator;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.AppId;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.tenant.Application;
import org.appmsg.domain.tenant.Customer;
import org.appmsg.domain.tenant.Tenant;

/**
 * The operator's provisioning: customers and tenants are upserted; applications are created once, then
 * enabled, disabled or given a new token. Those two changes drop {@link AuthenticateApplicationService}'s cache, so this
 * node refuses the old token or the disabled application at once.
 */
public final class ProvisionService implements ProvisionUseCase {

    private final DirectoryRepository directory;
    private final IdGenerator ids;
    private final AuthenticateApplicationService access;

    public ProvisionService(DirectoryRepository directory, IdGenerator ids, AuthenticateApplicationService access) {
        this.directory = directory;
        this.ids = ids;
        this.access = access;
    }

    @Override
    public Result provision(Request request) {
        return switch (request) {
            case Request.CreateCustomer c -> {
                Customer customer = new Customer(new CustomerId(idOr(c.id())), c.name());
                directory.saveCustomer(customer);
                yield new Result.CustomerSaved(customer);
            }
            case Request.CreateTenant t -> createTenant(t);
            case Request.CreateApplication a -> createApplication(a);
            case Request.ListCustomers l -> new Result.Customers(directory.customers());
            case Request.ListTenants l -> listTenants(l);
            case Request.ListApplications l -> listApplications(l);
            case Request.SetApplicationEnabled s -> setEnabled(s);
            case Request.RotateApplicationToken r -> rotate(r);
        };
    }

    private Result createTenant(Request.CreateTenant t) {
        CustomerId customer = new CustomerId(t.customerId());
        if (directory.findCustomer(customer).isEmpty()) {
            return new Result.Refused("customer " + customer + " does not exist");
        }
        TenantId id = new TenantId(idOr(t.id()));
        // the request carries no status: an update keeps the one the syncing platform set
        int status = directory.findTenant(id).map(Tenant::status).orElse(0);
        Tenant tenant = new Tenant(id, t.code(), t.name(), customer, status);
        directory.saveTenant(tenant);
        return new Result.TenantSaved(tenant);
    }

    private Result createApplication(Request.CreateApplication a) {
        TenantId tenant = new TenantId(a.tenantId());
        if (directory.findTenant(tenant).isEmpty()) {
            return new Result.Refused("tenant " + tenant + " does not exist");
        }
        AppId id = new AppId(idOr(a.id()));
        if (directory.findApplication(id).isPresent()) {
            return new Result.Refused("application " + id + " already exists");
        }
        Application application = new Application(id, a.name(), tenant, true, a.scope());
        Secret token = ids.newSecret();
        directory.insertApplication(application, token.digest());
        return new Result.ApplicationCreated(application, token);
    }

    private Result listTenants(Request.ListTenants l) {
        if (l.customerId().isEmpty()) {
            return new Result.Tenants(directory.tenants());
        }
        CustomerId customer = new CustomerId(l.customerId());
        if (directory.findCustomer(customer).isEmpty()) {
            return new Result.NotFound("customer " + customer + " does not exist");
        }
        return new Result.Tenants(directory.tenantsOf(customer));
    }

    private Result listApplications(Request.ListApplications l) {
        if (l.tenantId().isEmpty()) {
            return new Result.Applications(directory.applications());
        }
        TenantId tenant = new TenantId(l.tenantId());
        if (directory.findTenant(tenant).isEmpty()) {
            return new Result.NotFound("tenant " + tenant + " does not exist");
        }
        return new Result.Applications(directory.applicationsOf(tenant));
    }

    private Result setEnabled(Request.SetApplicationEnabled s) {
        AppId id = new AppId(s.id());
        if (!directory.setApplicationEnabled(id, s.enabled())) {
            return notFound(id);
        }
        access.forgetAll();
        return directory.findApplication(id).<Result>map(Result.ApplicationUpdated::new).orElseGet(() -> notFound(id));
    }

    private Result rotate(Request.RotateApplicationToken r) {
        AppId id = new AppId(r.id());
        Optional<Application> application = directory.findApplication(id);
        if (application.isEmpty()) {
            return notFound(id);
        }
        Secret token = ids.newSecret();
        if (!directory.replaceApplicationToken(id, token.digest())) {
            return notFound(id);
        }
        access.forgetAll();
        return new Result.TokenRotated(application.get(), token);
    }

    private static Result notFound(AppId id) {
        return new Result.NotFound("application " + id + " does not exist");
    }

    private String idOr(String given) {
        return given.isEmpty() ? ids.newEntityId() : given;
    }
}

package org.appmsg.application.service;

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

/** The operator's provisioning: customers and tenants are upserted; applications are created once. */
public final class ProvisionService implements ProvisionUseCase {

    private final DirectoryRepository directory;
    private final IdGenerator ids;

    public ProvisionService(DirectoryRepository directory, IdGenerator ids) {
        this.directory = directory;
        this.ids = ids;
    }

    @Override
    public Result provision(Request request) {
        return switch (request) {
            case Request.CreateCustomer c -> {
                Customer customer = new Customer(new CustomerId(idOr(c.id())), c.name());
                directory.saveCustomer(customer);
                yield new Result.CustomerSaved(customer);
            }
            case Request.CreateTenant t -> {
                CustomerId customer = new CustomerId(t.customerId());
                if (directory.findCustomer(customer).isEmpty()) {
                    yield new Result.Refused("customer " + customer + " does not exist");
                }
                Tenant tenant = new Tenant(new TenantId(idOr(t.id())), t.code(), t.name(), customer);
                directory.saveTenant(tenant);
                yield new Result.TenantSaved(tenant);
            }
            case Request.CreateApplication a -> createApplication(a);
        };
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
        Application application = new Application(id, a.name(), tenant, true);
        Secret token = ids.newSecret();
        directory.insertApplication(application, token.digest());
        return new Result.ApplicationCreated(application, token);
    }

    private String idOr(String given) {
        return given.isEmpty() ? ids.newEntityId() : given;
    }
}

package org.appmsg.application.service;

import java.util.Optional;
import org.appmsg.application.port.in.AuthenticateApplicationUseCase;
import org.appmsg.application.port.in.SyncTenantUseCase;
import org.appmsg.application.port.out.DirectoryRepository;
import org.appmsg.domain.tenant.ApplicationScope;
import org.appmsg.domain.tenant.Tenant;

/**
 * Upserts a tenant for an application (R13). A tenant-scoped application updates its own tenant only; a
 * customer-wide one creates and updates tenants of its customer. A tenant never changes customer.
 */
public final class SyncTenantService implements SyncTenantUseCase {

    private final AuthenticateApplicationService access;
    private final DirectoryRepository directory;

    public SyncTenantService(AuthenticateApplicationService access, DirectoryRepository directory) {
        this.access = access;
        this.directory = directory;
    }

    @Override
    public Result sync(Command command) {
        Optional<AuthenticateApplicationUseCase.Granted> granted = access.authenticate(command.appToken());
        if (granted.isEmpty()) {
            return new Result.Unauthorized();
        }
        AuthenticateApplicationUseCase.Granted app = granted.get();
        if (!command.customer().equals(app.customer())) {
            return new Result.OutOfScope("customerId " + command.customer() + " is not the application's customer");
        }
        if (app.application().scope() != ApplicationScope.CUSTOMER && !command.id().equals(app.tenant())) {
            // one answer whether the tenant exists or not: the application learns nothing of other tenants
            return new Result.OutOfScope("tenant " + command.id() + " is outside the application's scope");
        }
        Optional<Tenant> existing = directory.findTenant(command.id());
        if (existing.isPresent()) {
            // tenant ids are unique server-wide: another customer's tenant keeps its id, and the answer says no more
            if (!app.covers(existing.get())) {
                return new Result.Invalid("tenant id \"" + command.id() + "\" is already used");
            }
            // differs from the application's customer only when the cached grant predates an operator's move
            if (!existing.get().customer().equals(command.customer())) {
                return new Result.OutOfScope("tenant " + command.id() + " belongs to another customer");
            }
        }
        directory.saveTenant(new Tenant(command.id(), command.code(), command.name(), command.customer(),
                command.status()));
        return existing.isPresent() ? new Result.Updated(command.id()) : new Result.Created(command.id());
    }
}

package org.appmsg.application.service;

import java.util.Optional;
import org.appmsg.application.port.in.AuthenticateApplicationUseCase;
import org.appmsg.application.port.in.SyncOrgUseCase;
import org.appmsg.application.port.out.OrgRepository;
import org.appmsg.domain.org.Org;
import org.appmsg.domain.shared.TenantId;

/**
 * Upserts an org for an application (R13), in a tenant the application covers. An org never changes
 * tenant; the repository keeps the tree a tree (parent, cycle and depth checks with the move, atomically).
 */
public final class SyncOrgService implements SyncOrgUseCase {

    private final AuthenticateApplicationService access;
    private final OrgRepository orgs;

    public SyncOrgService(AuthenticateApplicationService access, OrgRepository orgs) {
        this.access = access;
        this.orgs = orgs;
    }

    @Override
    public Result sync(Command command) {
        Optional<AuthenticateApplicationUseCase.Granted> granted = access.authenticate(command.appToken());
        if (granted.isEmpty()) {
            return new Result.Unauthorized();
        }
        Optional<TenantId> inScope = access.tenantInScope(granted.get(), command.tenantId());
        if (inScope.isEmpty()) { // the application's own tenant is always in scope: the request named this one
            return new Result.OutOfScope("tenant " + command.tenantId() + " is outside the application's scope");
        }
        TenantId tenant = inScope.get();
        // the store answers OTHER_TENANT too, but perhaps only after its parent checks: this keeps the answer exact
        if (orgs.find(command.id()).filter(o -> !o.tenant().equals(tenant)).isPresent()) {
            return otherTenant(command);
        }
        Optional<Org> parentOrg = command.parent().flatMap(orgs::find);
        if (parentOrg.isPresent() && !parentOrg.get().tenant().equals(tenant)) {
            return new Result.OutOfScope("parent " + parentOrg.get().id() + " belongs to another tenant");
        }
        if (command.parent().filter(command.id()::equals).isPresent()) {
            return new Result.Invalid("org " + command.id() + " cannot be its own parent");
        }
        Org org = new Org(command.id(), tenant, command.parent(), command.name(), command.shortName(), command.sort());
        String parent = command.parent().map(Object::toString).orElse("");
        return switch (orgs.save(org)) {
            case INSERTED -> new Result.Created(command.id());
            case UPDATED -> new Result.Updated(command.id());
            case UNKNOWN_PARENT -> new Result.Invalid("parent " + parent + " of org " + command.id()
                    + " is not an org of tenant " + tenant);
            case OWN_ANCESTOR -> new Result.Invalid("parent " + parent + " lies inside the subtree of org "
                    + command.id());
            case TOO_DEEP -> new Result.Invalid("org " + command.id() + " under parent " + parent
                    + " would make the tree deeper than " + Org.MAX_DEPTH + " levels");
            case OTHER_TENANT -> otherTenant(command);
        };
    }

    private static Result otherTenant(Command command) {
        return new Result.OutOfScope("org " + command.id() + " belongs to another tenant");
    }
}

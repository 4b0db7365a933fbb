package org.appmsg.application.service;

import java.util.Optional;
import org.appmsg.application.port.in.AuthenticateApplicationUseCase;
import org.appmsg.application.port.in.SyncOrgUseCase;
import org.appmsg.application.port.out.ClusterEvents;
import org.appmsg.application.port.out.OrgRepository;
import org.appmsg.domain.org.Org;
import org.appmsg.domain.shared.TenantId;

/**
 * Upserts an org for an application (R13), in a tenant the application covers. An org never changes
 * tenant; the repository keeps the tree a tree (parent, cycle and depth checks with the move, atomically).
 * A stored change is told to the other nodes of a cluster ({@link ClusterEvents.OrgsChanged}), which drop their
 * copy of the tenant's tree.
 */
public final class SyncOrgService implements SyncOrgUseCase {

    private final AuthenticateApplicationService access;
    private final OrgRepository orgs;
    private final ClusterEvents cluster;

    /** For a single node. */
    public SyncOrgService(AuthenticateApplicationService access, OrgRepository orgs) {
        this(access, orgs, ClusterEvents.SINGLE_NODE);
    }

    public SyncOrgService(AuthenticateApplicationService access, OrgRepository orgs, ClusterEvents cluster) {
        this.access = access;
        this.orgs = orgs;
        this.cluster = cluster;
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
            return taken(command);
        }
        String parent = command.parent().map(Object::toString).orElse("");
        // a parent of another tenant answers as an unknown one: the application learns nothing of other tenants
        if (command.parent().flatMap(orgs::find).filter(p -> !p.tenant().equals(tenant)).isPresent()) {
            return unknownParent(command, parent, tenant);
        }
        if (command.parent().filter(command.id()::equals).isPresent()) {
            return new Result.Invalid("org " + command.id() + " cannot be its own parent");
        }
        Org org = new Org(command.id(), tenant, command.parent(), command.name(), command.shortName(), command.sort());
        OrgRepository.Save saved = orgs.save(org);
        if (saved == OrgRepository.Save.INSERTED || saved == OrgRepository.Save.UPDATED) {
            cluster.publish(new ClusterEvents.OrgsChanged(tenant)); // committed by now
        }
        return switch (saved) {
            case INSERTED -> new Result.Created(command.id());
            case UPDATED -> new Result.Updated(command.id());
            case UNKNOWN_PARENT -> unknownParent(command, parent, tenant);
            case OWN_ANCESTOR -> new Result.Invalid("parent " + parent + " lies inside the subtree of org "
                    + command.id());
            case TOO_DEEP -> new Result.Invalid("org " + command.id() + " under parent " + parent
                    + " would make the tree deeper than " + Org.MAX_DEPTH + " levels");
            case OTHER_TENANT -> taken(command);
        };
    }

    private static Result unknownParent(Command command, String parent, TenantId tenant) {
        return new Result.Invalid("parent " + parent + " of org " + command.id() + " is not an org of tenant " + tenant);
    }

    /** Org ids are unique server-wide: another tenant's org keeps its id, and the answer says no more. */
    private static Result taken(Command command) {
        return new Result.Invalid("org.id \"" + command.id() + "\" is already used");
    }
}

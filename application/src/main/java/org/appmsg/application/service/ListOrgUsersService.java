package org.appmsg.application.service;

import java.util.Optional;
import org.appmsg.application.port.in.AuthenticateUserUseCase;
import org.appmsg.application.port.in.ListOrgUsersUseCase;
import org.appmsg.application.port.out.OrgRepository;
import org.appmsg.domain.org.Org;
import org.appmsg.domain.shared.TenantId;

/**
 * An org's direct members (R14) for an application that covers the org's tenant or a user of that tenant.
 * Members outside the org's tenant are never listed, should a stale link exist.
 */
public final class ListOrgUsersService implements ListOrgUsersUseCase {

    private final AuthenticateApplicationService access;
    private final AuthenticateUserUseCase authenticate;
    private final OrgRepository orgs;

    public ListOrgUsersService(AuthenticateApplicationService access, AuthenticateUserUseCase authenticate, OrgRepository orgs) {
        this.access = access;
        this.authenticate = authenticate;
        this.orgs = orgs;
    }

    @Override
    public Result list(Query query) {
        Optional<Scope> scope = switch (query.caller()) {
            case Caller.Application app -> access.authenticate(app.token())
                    .map(g -> (Scope) tenant -> access.covers(g, tenant));
            case Caller.User user -> authenticate.authenticate(user.token())
                    .map(a -> (Scope) tenant -> a.user().tenant().equals(tenant));
        };
        if (scope.isEmpty()) {
            return new Result.Unauthorized();
        }
        // an org outside the caller's scope answers as an unknown one: it learns nothing of other tenants
        Optional<Org> org = orgs.find(query.org()).filter(o -> scope.get().covers(o.tenant()));
        if (org.isEmpty()) {
            return new Result.NotFound("org " + query.org() + " does not exist");
        }
        TenantId tenant = org.get().tenant();
        return new Result.Members(orgs.members(query.org()).stream()
                .filter(m -> m.user().tenant().equals(tenant))
                .toList());
    }

    /** The tenants the authenticated caller may read. */
    @FunctionalInterface
    private interface Scope {
        boolean covers(TenantId tenant);
    }
}

package org.appmsg.application.service;

import java.util.Optional;
import org.appmsg.application.port.in.AuthenticateApplicationUseCase;
import org.appmsg.application.port.in.ListUserOrgsUseCase;
import org.appmsg.application.port.out.OrgRepository;
import org.appmsg.application.port.out.UserRepository;
import org.appmsg.domain.user.User;

/** The orgs a user belongs to (R14), for an application covering the user's tenant. */
public final class ListUserOrgsService implements ListUserOrgsUseCase {

    private final AuthenticateApplicationService access;
    private final UserRepository users;
    private final OrgRepository orgs;

    public ListUserOrgsService(AuthenticateApplicationService access, UserRepository users, OrgRepository orgs) {
        this.access = access;
        this.users = users;
        this.orgs = orgs;
    }

    @Override
    public Result list(Query query) {
        Optional<AuthenticateApplicationUseCase.Granted> granted = access.authenticate(query.appToken());
        if (granted.isEmpty()) {
            return new Result.Unauthorized();
        }
        // a user outside the application's scope answers as an unknown one: it learns nothing of other tenants
        Optional<User> user = users.findById(query.user()).filter(u -> access.covers(granted.get(), u.tenant()));
        if (user.isEmpty()) {
            return new Result.NotFound("user " + query.user() + " does not exist");
        }
        return new Result.Orgs(orgs.orgsOfUser(query.user()).stream()
                .filter(o -> o.tenant().equals(user.get().tenant()))
                .toList());
    }
}

package org.appmsg.application.service;

import java.util.Optional;
import org.appmsg.application.port.in.AuthenticateApplicationUseCase;
import org.appmsg.application.port.in.ChangeOrgMembershipUseCase;
import org.appmsg.application.port.out.OrgRepository;
import org.appmsg.application.port.out.UserRepository;
import org.appmsg.domain.org.Org;
import org.appmsg.domain.user.User;

/** Links users to orgs and unlinks them for an application (R14); org and user share a covered tenant. */
public final class ChangeOrgMembershipService implements ChangeOrgMembershipUseCase {

    private final AuthenticateApplicationService access;
    private final OrgRepository orgs;
    private final UserRepository users;

    public ChangeOrgMembershipService(AuthenticateApplicationService access, OrgRepository orgs, UserRepository users) {
        this.access = access;
        this.orgs = orgs;
        this.users = users;
    }

    @Override
    public Result change(Command command) {
        Optional<AuthenticateApplicationUseCase.Granted> granted = access.authenticate(command.appToken());
        if (granted.isEmpty()) {
            return new Result.Unauthorized();
        }
        // what lies outside the application's scope answers as unknown: it learns nothing of other tenants
        Optional<Org> org = orgs.find(command.org()).filter(o -> access.covers(granted.get(), o.tenant()));
        if (org.isEmpty()) {
            return new Result.NotFound("org " + command.org() + " does not exist");
        }
        Optional<User> user = users.findById(command.user()).filter(u -> access.covers(granted.get(), u.tenant()));
        if (user.isEmpty()) {
            return new Result.NotFound("user " + command.user() + " does not exist");
        }
        if (!user.get().tenant().equals(org.get().tenant())) {
            return new Result.OutOfScope("user " + command.user() + " is not in the tenant of org " + command.org());
        }
        boolean changed = command.add()
                ? orgs.addMember(command.org(), command.user(), command.sort())
                : orgs.removeMember(command.org(), command.user());
        return new Result.Done(changed);
    }
}

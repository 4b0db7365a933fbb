package org.appmsg.application.service;

import java.util.Optional;
import org.appmsg.application.port.in.AuthenticateApplicationUseCase;
import org.appmsg.application.port.in.SyncUserUseCase;
import org.appmsg.application.port.out.OrgRepository;
import org.appmsg.application.port.out.PasswordHasher;
import org.appmsg.application.port.out.UserRepository;
import org.appmsg.domain.auth.PasswordHash;
import org.appmsg.domain.org.Org;
import org.appmsg.domain.shared.OrgId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.user.User;

/**
 * Upserts a user for an application (R12), in a tenant the application covers (its own; any of its
 * customer's with customer scope). A user never changes tenant. The password that arrives is hashed before
 * it is stored; an update without one keeps the stored hash. A given org must be of the user's tenant; the
 * user is linked to it after the upsert.
 */
public final class SyncUserService implements SyncUserUseCase {

    private final AuthenticateApplicationService access;
    private final UserRepository users;
    private final OrgRepository orgs;
    private final PasswordHasher hasher;

    public SyncUserService(AuthenticateApplicationService access, UserRepository users, OrgRepository orgs, PasswordHasher hasher) {
        this.access = access;
        this.users = users;
        this.orgs = orgs;
        this.hasher = hasher;
    }

    @Override
    public Result sync(Command command) {
        Optional<AuthenticateApplicationUseCase.Granted> granted = access.authenticate(command.appToken());
        if (granted.isEmpty()) {
            return new Result.Unauthorized();
        }
        TenantId tenant = command.tenantId().isEmpty() ? granted.get().tenant() : new TenantId(command.tenantId());
        if (!access.covers(granted.get(), tenant)) {
            return new Result.OutOfScope("member.tenantId \"" + tenant + "\" is outside the application's scope");
        }
        Optional<User> existing = users.findById(command.id());
        if (existing.isPresent() && !existing.get().tenant().equals(tenant)) {
            return new Result.OutOfScope("user " + command.id() + " belongs to another tenant");
        }
        Optional<OrgId> org = Optional.of(command.orgId()).filter(s -> !s.isEmpty()).map(OrgId::new);
        Optional<Result> orgRefused = org.flatMap(id -> refuseOrg(id, tenant));
        if (orgRefused.isPresent()) {
            return orgRefused.get();
        }
        PasswordHash password;
        if (!command.password().isEmpty()) {
            password = hasher.hash(command.password());
        } else if (existing.isPresent()) {
            password = existing.get().password();
        } else {
            password = PasswordHash.none(); // a directory entry: it cannot sign in until a sync sets a password
        }
        UserRepository.Upsert upsert = users.upsert(new User(command.id(), tenant, command.profile(), password));
        if (upsert == UserRepository.Upsert.NAME_TAKEN) {
            return new Result.Invalid(
                    "member.name \"" + command.profile().name() + "\" is already used by another user");
        }
        org.ifPresent(o -> orgs.addMember(o, command.id(), 0));
        return upsert == UserRepository.Upsert.INSERTED
                ? new Result.Created(command.id())
                : new Result.Updated(command.id());
    }

    /** Why {@code org} cannot take a user of {@code tenant}, if it cannot. */
    private Optional<Result> refuseOrg(OrgId org, TenantId tenant) {
        Optional<Org> found = orgs.find(org);
        if (found.isEmpty()) {
            return Optional.of(new Result.Invalid("orgId \"" + org + "\" is not an org of tenant " + tenant));
        }
        if (!found.get().tenant().equals(tenant)) {
            return Optional.of(new Result.OutOfScope("org " + org + " belongs to another tenant"));
        }
        return Optional.empty();
    }
}

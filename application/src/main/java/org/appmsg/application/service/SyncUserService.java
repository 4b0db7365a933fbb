package org.appmsg.application.service;

import java.util.Optional;
import org.appmsg.application.port.in.SyncUserUseCase;
import org.appmsg.application.port.out.DirectoryRepository;
import org.appmsg.application.port.out.PasswordHasher;
import org.appmsg.application.port.out.UserRepository;
import org.appmsg.domain.auth.PasswordHash;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.tenant.Application;
import org.appmsg.domain.user.User;

/**
 * Upserts a user for an application (R12), inside the application's tenant only. The password that
 * arrives is hashed before it is stored; an update without one keeps the stored hash.
 */
public final class SyncUserService implements SyncUserUseCase {

    private final DirectoryRepository directory;
    private final UserRepository users;
    private final PasswordHasher hasher;

    public SyncUserService(DirectoryRepository directory, UserRepository users, PasswordHasher hasher) {
        this.directory = directory;
        this.users = users;
        this.hasher = hasher;
    }

    @Override
    public Result sync(Command command) {
        Optional<Application> app = directory.findApplicationByToken(command.appToken().digest())
                .filter(Application::enabled);
        if (app.isEmpty()) {
            return new Result.Unauthorized();
        }
        TenantId tenant = app.get().tenant();
        if (!command.tenantId().isEmpty() && !command.tenantId().equals(tenant.value())) {
            return new Result.OutOfScope("member.tenantId \"" + command.tenantId() + "\" is not the application's tenant");
        }
        Optional<User> existing = users.findById(command.id());
        if (existing.isPresent() && !existing.get().tenant().equals(tenant)) {
            return new Result.OutOfScope("user " + command.id() + " belongs to another tenant");
        }
        if (!command.orgId().isEmpty()) {
            // no org can exist before org sync (the directory issue) lands, so any orgId is unknown
            return new Result.Invalid("orgId \"" + command.orgId() + "\" is not an org of tenant " + tenant);
        }
        PasswordHash password;
        if (!command.password().isEmpty()) {
            password = hasher.hash(command.password());
        } else if (existing.isPresent()) {
            password = existing.get().password();
        } else {
            return new Result.Invalid("member.password is required for a new user");
        }
        return switch (users.upsert(new User(command.id(), tenant, command.profile(), password))) {
            case INSERTED -> new Result.Created(command.id());
            case UPDATED -> new Result.Updated(command.id());
            case NAME_TAKEN -> new Result.Invalid(
                    "member.name \"" + command.profile().name() + "\" is already used by another user");
        };
    }
}

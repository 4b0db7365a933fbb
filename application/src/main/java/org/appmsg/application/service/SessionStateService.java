package org.appmsg.application.service;

import java.time.Clock;
import java.util.Optional;
import org.appmsg.application.port.in.AuthenticateUserUseCase;
import org.appmsg.application.port.in.GetSessionsUseCase;
import org.appmsg.application.port.in.SetSessionStateUseCase;
import org.appmsg.application.port.out.DirectoryRepository;
import org.appmsg.application.port.out.PresenceRegistry;
import org.appmsg.application.port.out.UserRepository;
import org.appmsg.domain.session.Session;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.tenant.Application;

/**
 * Session states and listings (R2). A user may change only its own sessions, an application only
 * sessions of users in its tenant; the legacy server let anyone change any session id, live or not.
 */
public final class SessionStateService implements SetSessionStateUseCase, GetSessionsUseCase {

    private final AuthenticateUserUseCase authenticate;
    private final DirectoryRepository directory;
    private final UserRepository users;
    private final PresenceRegistry presence;
    private final Clock clock;

    public SessionStateService(AuthenticateUserUseCase authenticate, DirectoryRepository directory,
            UserRepository users, PresenceRegistry presence, Clock clock) {
        this.authenticate = authenticate;
        this.directory = directory;
        this.users = users;
        this.presence = presence;
        this.clock = clock;
    }

    @Override
    public SetSessionStateUseCase.Result set(Command command) {
        UserId owner = command.session().user();
        switch (command.caller()) {
            case USER -> {
                var caller = authenticate.authenticate(command.token());
                if (caller.isEmpty()) {
                    return new SetSessionStateUseCase.Result.Unauthorized();
                }
                if (!caller.get().user().id().equals(owner)) {
                    return new SetSessionStateUseCase.Result.Forbidden(
                            "session " + command.session() + " belongs to another user");
                }
            }
            case APPLICATION -> {
                Optional<Application> app = application(command.token());
                if (app.isEmpty()) {
                    return new SetSessionStateUseCase.Result.Unauthorized();
                }
                if (!inTenant(owner, app.get().tenant())) {
                    return new SetSessionStateUseCase.Result.Forbidden(
                            "session " + command.session() + " belongs to a user outside the application's tenant");
                }
            }
        }
        return presence.setState(command.session(), command.state(), clock.instant())
                .<SetSessionStateUseCase.Result>map(SetSessionStateUseCase.Result.Updated::new)
                .orElseGet(() -> new SetSessionStateUseCase.Result.NotLive(command.session()));
    }

    @Override
    public GetSessionsUseCase.Result list(Query query) {
        Optional<Application> app = application(query.appToken());
        if (app.isEmpty()) {
            return new GetSessionsUseCase.Result.Unauthorized();
        }
        if (!inTenant(query.user(), app.get().tenant())) {
            return new GetSessionsUseCase.Result.OutOfScope("user " + query.user() + " is not in the application's tenant");
        }
        return new GetSessionsUseCase.Result.Sessions(presence.sessionsOf(query.user()).stream()
                .sorted(java.util.Comparator.comparing(Session::created).thenComparing(s -> s.id().value()))
                .toList());
    }

    private Optional<Application> application(org.appmsg.domain.auth.Secret token) {
        return directory.findApplicationByToken(token.digest()).filter(Application::enabled);
    }

    private boolean inTenant(UserId user, TenantId tenant) {
        return users.findById(user).filter(u -> u.tenant().equals(tenant)).isPresent();
    }
}

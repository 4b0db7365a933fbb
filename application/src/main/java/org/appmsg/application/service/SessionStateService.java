package org.appmsg.application.service;

import java.time.Clock;
import java.util.Optional;
import org.appmsg.application.port.in.AuthenticateApplicationUseCase;
import org.appmsg.application.port.in.AuthenticateUserUseCase;
import org.appmsg.application.port.in.GetSessionsUseCase;
import org.appmsg.application.port.in.SetSessionStateUseCase;
import org.appmsg.application.port.out.PresenceRegistry;
import org.appmsg.application.port.out.UserRepository;
import org.appmsg.domain.session.Session;
import org.appmsg.domain.shared.UserId;

/**
 * Session states and listings (R2). A user may change only its own sessions, an application only
 * sessions of users in its scope (its tenant, or its customer's tenants); the legacy server let anyone
 * change any session id, live or not.
 */
public final class SessionStateService implements SetSessionStateUseCase, GetSessionsUseCase {

    private final AuthenticateUserUseCase authenticate;
    private final AuthenticateApplicationService access;
    private final UserRepository users;
    private final PresenceRegistry presence;
    private final Clock clock;

    public SessionStateService(AuthenticateUserUseCase authenticate, AuthenticateApplicationService access,
            UserRepository users, PresenceRegistry presence, Clock clock) {
        this.authenticate = authenticate;
        this.access = access;
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
                Optional<AuthenticateApplicationUseCase.Granted> app = access.authenticate(command.token());
                if (app.isEmpty()) {
                    return new SetSessionStateUseCase.Result.Unauthorized();
                }
                if (!inScope(owner, app.get())) { // as if not live: nothing is learnt of other tenants' sessions
                    return new SetSessionStateUseCase.Result.NotLive(command.session());
                }
            }
        }
        return presence.setState(command.session(), command.state(), clock.instant())
                .<SetSessionStateUseCase.Result>map(SetSessionStateUseCase.Result.Updated::new)
                .orElseGet(() -> new SetSessionStateUseCase.Result.NotLive(command.session()));
    }

    @Override
    public GetSessionsUseCase.Result list(Query query) {
        Optional<AuthenticateApplicationUseCase.Granted> app = access.authenticate(query.appToken());
        if (app.isEmpty()) {
            return new GetSessionsUseCase.Result.Unauthorized();
        }
        if (!inScope(query.user(), app.get())) { // unknown, or of a tenant outside the scope: one answer
            return new GetSessionsUseCase.Result.NotFound("user " + query.user() + " does not exist");
        }
        return new GetSessionsUseCase.Result.Sessions(presence.sessionsOf(query.user()).stream()
                .sorted(java.util.Comparator.comparing(Session::created).thenComparing(s -> s.id().value()))
                .toList());
    }

    private boolean inScope(UserId user, AuthenticateApplicationUseCase.Granted app) {
        return users.findById(user).filter(u -> access.covers(app, u.tenant())).isPresent();
    }
}

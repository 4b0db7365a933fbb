package org.appmsg.application.service;

import java.time.Clock;
import org.appmsg.application.port.in.AuthenticateUserUseCase;
import org.appmsg.application.port.in.CloseSessionUseCase;
import org.appmsg.application.port.in.OpenSessionUseCase;
import org.appmsg.application.port.out.PresenceRegistry;
import org.appmsg.domain.session.SubscriptionKey;

/**
 * Admits a comet subscription only for a valid token of the key's own user, and keeps presence in step
 * with connections: a session key's session is live from admission until its last connection closes.
 */
public final class OpenSessionService implements OpenSessionUseCase, CloseSessionUseCase {

    private final AuthenticateUserUseCase authenticate;
    private final PresenceRegistry presence;
    private final Clock clock;
    private final int maxSessionsPerUser;

    public OpenSessionService(AuthenticateUserUseCase authenticate, PresenceRegistry presence, Clock clock,
            int maxSessionsPerUser) {
        this.authenticate = authenticate;
        this.presence = presence;
        this.clock = clock;
        this.maxSessionsPerUser = maxSessionsPerUser;
    }

    @Override
    public Result open(Command command) {
        var admitted = authenticate.authenticate(command.token())
                .filter(a -> command.key().belongsTo(a.user().id()));
        if (admitted.isEmpty()) {
            return new Result.Rejected();
        }
        var session = command.key().session();
        if (session.isPresent()) {
            // checked before opening: concurrent first connections of new sessions may pass it together
            var live = presence.sessionsOf(command.key().user());
            boolean known = live.stream().anyMatch(s -> s.id().equals(session.get()));
            if (!known && live.size() >= maxSessionsPerUser) {
                return new Result.TooManySessions(maxSessionsPerUser);
            }
            presence.open(session.get(), clock.instant());
        }
        return new Result.Opened(admitted.get().user(), command.key(), admitted.get().token());
    }

    @Override
    public void close(SubscriptionKey key) {
        key.session().ifPresent(presence::close);
    }
}

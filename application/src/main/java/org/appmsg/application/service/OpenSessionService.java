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

    public OpenSessionService(AuthenticateUserUseCase authenticate, PresenceRegistry presence, Clock clock) {
        this.authenticate = authenticate;
        this.presence = presence;
        this.clock = clock;
    }

    @Override
    public Result open(Command command) {
        var admitted = authenticate.authenticate(command.token())
                .filter(a -> command.key().belongsTo(a.user().id()));
        if (admitted.isEmpty()) {
            return new Result.Rejected();
        }
        command.key().session().ifPresent(id -> presence.open(id, clock.instant()));
        return new Result.Opened(admitted.get().user(), command.key());
    }

    @Override
    public void close(SubscriptionKey key) {
        key.session().ifPresent(presence::close);
    }
}

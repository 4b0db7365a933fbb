package org.appmsg.application.port.in;

import java.util.Objects;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.auth.UserToken;
import org.appmsg.domain.session.SubscriptionKey;
import org.appmsg.domain.user.User;

/**
 * A client subscribes over the comet protocol: the token must be valid and belong to the key's user.
 * Blocks (token lookups may hit the database): never call it on a socket selector thread.
 */
@FunctionalInterface
public interface OpenSessionUseCase {

    Result open(Command command);

    record Command(SubscriptionKey key, Secret token) {
        public Command {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(token, "token");
        }
    }

    sealed interface Result {
        /**
         * Admitted with {@code token}: the connection rests on it, so it is closed when the token expires or is
         * revoked ({@link org.appmsg.application.port.out.ConnectionRevocation}).
         */
        record Opened(User user, SubscriptionKey key, UserToken token) implements Result {}

        /** Unknown or expired token, or a key of another user. */
        record Rejected() implements Result {}

        /** The key names a new session, and the user already has {@code limit} live sessions. */
        record TooManySessions(int limit) implements Result {}
    }
}

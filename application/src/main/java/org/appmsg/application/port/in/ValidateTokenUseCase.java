package org.appmsg.application.port.in;

import java.time.Instant;
import java.util.Objects;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.UserId;

/** Is this user token valid ({@code validateToken})? Expiry is fixed at login, not extended by use. */
@FunctionalInterface
public interface ValidateTokenUseCase {

    Result validate(Query query);

    record Query(Secret token) {
        public Query {
            Objects.requireNonNull(token, "token");
        }
    }

    sealed interface Result {
        record Valid(UserId user, Instant expiresAt) implements Result {}

        /** Unknown, expired, deleted, or its user is gone. */
        record Invalid() implements Result {}
    }
}

package org.appmsg.application.port.in;

import java.util.List;
import java.util.Objects;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.session.Session;
import org.appmsg.domain.shared.UserId;

/** An application lists the live sessions of a user of its tenant ({@code /app/client/app/getSessions}). */
@FunctionalInterface
public interface GetSessionsUseCase {

    Result list(Query query);

    record Query(Secret appToken, UserId user) {
        public Query {
            Objects.requireNonNull(appToken, "appToken");
            Objects.requireNonNull(user, "user");
        }
    }

    sealed interface Result {
        record Sessions(List<Session> sessions) implements Result {
            public Sessions {
                sessions = List.copyOf(sessions);
            }
        }

        record Unauthorized() implements Result {}

        /** The user is unknown or outside the application's scope: one answer for both. */
        record NotFound(String reason) implements Result {}
    }
}

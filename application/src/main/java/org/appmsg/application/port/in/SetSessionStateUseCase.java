package org.appmsg.application.port.in;

import java.util.Objects;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.session.Session;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.session.SessionState;

/**
 * Marks a live session {@code active} or {@code inactive} (R2): a user for its own sessions
 * ({@code /app/client/device/setSessionState}), an application for sessions of users in its tenant
 * ({@code /app/client/app/setSessionState}).
 */
@FunctionalInterface
public interface SetSessionStateUseCase {

    Result set(Command command);

    enum Caller { USER, APPLICATION }

    record Command(Caller caller, Secret token, SessionId session, SessionState state) {
        public Command {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(session, "sessionId");
            Objects.requireNonNull(state, "state");
        }
    }

    sealed interface Result {
        record Updated(Session session) implements Result {}

        record Unauthorized() implements Result {}

        /** The session belongs to another user than the signed-in one (user caller). */
        record Forbidden(String reason) implements Result {}

        /**
         * No such session is live; for an application also a session of a user outside its scope, live or not, so
         * that it learns nothing of other tenants' sessions.
         */
        record NotLive(SessionId session) implements Result {}
    }
}

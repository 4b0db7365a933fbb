package org.appmsg.domain.session;

import java.time.Instant;
import java.util.Objects;

/**
 * A live session: one connected device or browser tab of a user. {@code type} is the device type or
 * browser name, the part of the device id before its first {@code -} (legacy {@code session.type}).
 */
public record Session(SessionId id, SessionState state, Instant created, Instant updated) {

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
    }

    public static Session opened(SessionId id, Instant now) {
        return new Session(id, SessionState.INIT, now, now);
    }

    public String type() {
        int dash = id.device().indexOf('-');
        return dash < 0 ? id.device() : id.device().substring(0, dash);
    }

    public Session withState(SessionState newState, Instant now) {
        return new Session(id, newState, created, now);
    }
}

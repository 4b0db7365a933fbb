package org.appmsg.domain.session;

import java.util.Locale;
import java.util.Optional;

/**
 * What a client says about one of its sessions (R2): {@code init} on connect, then {@code active} or
 * {@code inactive} as the client sets it (say, app in the foreground or in the background).
 */
public enum SessionState {
    INIT, ACTIVE, INACTIVE;

    /** The wire form, {@code init}, {@code active} or {@code inactive}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a state a client may set: only {@code active} and {@code inactive}. */
    public static Optional<SessionState> settable(String wire) {
        return switch (wire == null ? "" : wire) {
            case "active" -> Optional.of(ACTIVE);
            case "inactive" -> Optional.of(INACTIVE);
            default -> Optional.empty();
        };
    }
}

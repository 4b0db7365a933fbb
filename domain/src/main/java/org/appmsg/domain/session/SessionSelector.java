package org.appmsg.domain.session;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.UserId;

/**
 * Which live sessions of a recipient a push reaches (R1), from the request's {@code sessions}: absent or
 * {@code ["all"]} every session; {@code ["active"]} / {@code ["inactive"]} those in that state; explicit
 * ids only those, and only the ones that belong to the recipient; {@code []} none (stored only). A message
 * is in the recipient's mailbox whatever the selector says.
 */
public sealed interface SessionSelector {

    record All() implements SessionSelector {}

    record InState(SessionState state) implements SessionSelector {}

    record Only(Set<SessionId> ids) implements SessionSelector {
        public Only {
            ids = Set.copyOf(ids);
        }
    }

    record None() implements SessionSelector {}

    /** At most this many explicit ids in one request. */
    int MAX_IDS = 256;

    static SessionSelector parse(List<String> sessions) {
        if (sessions.isEmpty()) {
            return new None();
        }
        if (sessions.size() == 1) {
            switch (sessions.get(0)) {
                case "all" -> {
                    return new All();
                }
                case "active" -> {
                    return new InState(SessionState.ACTIVE);
                }
                case "inactive" -> {
                    return new InState(SessionState.INACTIVE);
                }
                default -> { }
            }
        }
        if (sessions.size() > MAX_IDS) {
            throw new DomainViolation("sessions.too_many", "sessions lists at most " + MAX_IDS + " session ids");
        }
        Set<SessionId> ids = new LinkedHashSet<>();
        for (String s : sessions) {
            try {
                ids.add(SessionId.parse(s));
            } catch (DomainViolation e) {
                throw new DomainViolation("sessions.malformed", "sessions: " + e.getMessage()
                        + " (a sessions list holds \"all\", \"active\", \"inactive\" or session ids)");
            }
        }
        return new Only(ids);
    }

    /** Whether this selector picks {@code session} of {@code recipient}. */
    default boolean picks(UserId recipient, Session session) {
        return switch (this) {
            case All a -> true;
            case InState s -> session.state() == s.state();
            case Only o -> session.id().user().equals(recipient) && o.ids().contains(session.id());
            case None n -> false;
        };
    }
}

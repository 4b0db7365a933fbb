package org.appmsg.application.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.appmsg.application.port.out.PresenceRegistry;
import org.appmsg.domain.session.Session;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.session.SessionState;
import org.appmsg.domain.shared.UserId;

/** Presence under one lock: sessions with a count of open connections. */
public final class InMemoryPresence implements PresenceRegistry {

    private record Live(Session session, int connections) {}

    private final Map<SessionId, Live> live = new HashMap<>();

    @Override
    public synchronized Session open(SessionId id, Instant now) {
        Live current = live.get(id);
        Live next = current == null ? new Live(Session.opened(id, now), 1)
                : new Live(current.session(), current.connections() + 1);
        live.put(id, next);
        return next.session();
    }

    @Override
    public synchronized void close(SessionId id) {
        Live current = live.get(id);
        if (current != null) {
            if (current.connections() <= 1) {
                live.remove(id);
            } else {
                live.put(id, new Live(current.session(), current.connections() - 1));
            }
        }
    }

    @Override
    public synchronized Optional<Session> setState(SessionId id, SessionState state, Instant now) {
        Live current = live.get(id);
        if (current == null) {
            return Optional.empty();
        }
        Session updated = current.session().withState(state, now);
        live.put(id, new Live(updated, current.connections()));
        return Optional.of(updated);
    }

    @Override
    public synchronized List<Session> sessionsOf(UserId user) {
        List<Session> out = new ArrayList<>();
        live.values().forEach(l -> {
            if (l.session().id().user().equals(user)) {
                out.add(l.session());
            }
        });
        return out;
    }
}

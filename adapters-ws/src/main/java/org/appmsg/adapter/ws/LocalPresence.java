package org.appmsg.adapter.ws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.appmsg.application.port.out.PresenceRegistry;
import org.appmsg.domain.session.Session;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.session.SessionState;
import org.appmsg.domain.shared.UserId;

/**
 * The {@link PresenceRegistry} of a single node (embedded mode): sessions of this node's connections, in
 * memory, grouped by user so every change is atomic per user. Each user's sessions are an immutable map, replaced
 * whole on every change, so the hot path (who is online: every push, once per group member) is a lock-free read.
 * Nothing is written per heartbeat, and a restarted node starts with no stale sessions.
 */
final class LocalPresence implements PresenceRegistry {

    private record Live(Session session, int connections) {}

    private final ConcurrentHashMap<UserId, Map<SessionId, Live>> byUser = new ConcurrentHashMap<>();

    @Override
    public Session open(SessionId id, Instant now) {
        Session[] opened = new Session[1];
        byUser.compute(id.user(), (user, sessions) -> {
            Map<SessionId, Live> next = sessions == null ? new HashMap<>() : new HashMap<>(sessions);
            Live current = next.get(id);
            Live updated = current == null ? new Live(Session.opened(id, now), 1)
                    : new Live(current.session(), current.connections() + 1);
            next.put(id, updated);
            opened[0] = updated.session();
            return Map.copyOf(next);
        });
        return opened[0];
    }

    @Override
    public void close(SessionId id) {
        byUser.computeIfPresent(id.user(), (user, sessions) -> {
            Live current = sessions.get(id);
            if (current == null) {
                return sessions;
            }
            Map<SessionId, Live> next = new HashMap<>(sessions);
            if (current.connections() <= 1) {
                next.remove(id);
            } else {
                next.put(id, new Live(current.session(), current.connections() - 1));
            }
            return next.isEmpty() ? null : Map.copyOf(next);
        });
    }

    @Override
    public Optional<Session> setState(SessionId id, SessionState state, Instant now) {
        Session[] updated = new Session[1];
        byUser.computeIfPresent(id.user(), (user, sessions) -> {
            Live current = sessions.get(id);
            if (current == null) {
                return sessions;
            }
            updated[0] = current.session().withState(state, now);
            Map<SessionId, Live> next = new HashMap<>(sessions);
            next.put(id, new Live(updated[0], current.connections()));
            return Map.copyOf(next);
        });
        return Optional.ofNullable(updated[0]);
    }

    @Override
    public List<Session> sessionsOf(UserId user) {
        Map<SessionId, Live> sessions = byUser.get(user);
        if (sessions == null) {
            return List.of();
        }
        List<Session> out = new ArrayList<>(sessions.size());
        sessions.values().forEach(live -> out.add(live.session()));
        return out;
    }
}

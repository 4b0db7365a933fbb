package org.appmsg.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.appmsg.domain.session.Session;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.session.SessionState;
import org.appmsg.domain.shared.UserId;

/**
 * Which sessions are live and in what state (R2). Kept in memory on one node (embedded mode); the cluster
 * release keeps it in Redis with heartbeat TTLs. Never written per heartbeat: a session exists while at
 * least one of its connections is open. Thread-safe; calls never block on I/O in the embedded mode.
 */
public interface PresenceRegistry {

    /**
     * A connection of {@code id} opened. The session becomes live in state {@code init}, or, when another
     * connection of the same session is already open (a reconnect racing its own disconnect, a second tab
     * with the same id), stays live with the state it has.
     */
    Session open(SessionId id, Instant now);

    /** A connection of {@code id} closed; the session ends when its last connection closes. */
    void close(SessionId id);

    /** Sets the state of a live session; empty when no such session is live. */
    Optional<Session> setState(SessionId id, SessionState state, Instant now);

    /** The user's live sessions, in no particular order. */
    List<Session> sessionsOf(UserId user);
}

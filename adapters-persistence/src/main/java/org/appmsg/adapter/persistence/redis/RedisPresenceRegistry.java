package org.appmsg.adapter.persistence.redis;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.appmsg.adapter.persistence.redis.PresenceFields.Hold;
import org.appmsg.adapter.persistence.redis.PresenceFields.HoldKey;
import org.appmsg.adapter.persistence.redis.PresenceFields.Mark;
import org.appmsg.application.port.out.PresenceRegistry;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.session.Session;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.session.SessionState;
import org.appmsg.domain.shared.UserId;

/**
 * The {@link PresenceRegistry} of a cluster node, and its mailbox routing: every call reads or changes the
 * {@link PresenceReplica} at once (no Redis round trip on the caller's thread) and hands the user to the
 * {@link PresenceWriter}, which copies this node's part to Redis and tells the other nodes.
 *
 * <p>A session's connections may be spread over nodes; each node counts its own. The session is live while any
 * node counts one, keeps the {@code created} of its first connection, and its state is cluster-wide: any node
 * may set it, the latest setting wins. Another node sees a change after the writer's next batch (normally
 * within milliseconds); two nodes that open the first connections of the same new session within that time
 * may each reset it to {@code init}, and the per-user session limit may let both in.
 */
final class RedisPresenceRegistry implements PresenceRegistry {

    private static final String NO_SESSION = "";

    private final int self;
    private final PresenceReplica replica;
    private final PresenceWriter writer;
    private final AtomicInteger connections = new AtomicInteger();

    RedisPresenceRegistry(int self, PresenceReplica replica, PresenceWriter writer) {
        this.self = self;
        this.replica = replica;
        this.writer = writer;
    }

    @Override
    public Session open(SessionId id, Instant now) {
        String device = id.device();
        long nowMillis = now.toEpochMilli();
        UserView next = replica.update(id.user(), view -> {
            HoldKey key = new HoldKey(self, device);
            Hold mine = view.holds().get(key);
            if (mine != null) {
                return view.withHold(key, new Hold(mine.connections() + 1, mine.createdMillis()));
            }
            Optional<Session> live = view.session(device);
            if (live.isPresent()) {
                return view.withHold(key, new Hold(1, live.get().created().toEpochMilli()));
            }
            Mark reset = new Mark(SessionState.INIT, nowMillis, self);
            writer.mark(id.user(), device, reset);
            return view.withHold(key, new Hold(1, nowMillis)).withMark(device, reset);
        });
        connections.incrementAndGet();
        writer.dirty(id.user());
        return next.session(device).orElseThrow();
    }

    @Override
    public void close(SessionId id) {
        String device = id.device();
        boolean[] closed = new boolean[1];
        replica.update(id.user(), view -> {
            HoldKey key = new HoldKey(self, device);
            Hold mine = view.holds().get(key);
            if (mine == null) {
                return view;
            }
            closed[0] = true;
            if (mine.connections() > 1) {
                return view.withHold(key, new Hold(mine.connections() - 1, mine.createdMillis()));
            }
            if (!view.heldElsewhere(device, self)) {
                writer.endLater(id.user(), device);
            }
            return view.withHold(key, null);
        });
        if (closed[0]) {
            connections.decrementAndGet();
            writer.dirty(id.user());
        }
    }

    @Override
    public Optional<Session> setState(SessionId id, SessionState state, Instant now) {
        String device = id.device();
        boolean[] set = new boolean[1];
        UserView next = replica.update(id.user(), view -> {
            if (view.session(device).isEmpty()) {
                return view;
            }
            set[0] = true;
            Mark mark = new Mark(state, now.toEpochMilli(), self);
            writer.mark(id.user(), device, mark);
            return view.withMark(device, mark);
        });
        if (!set[0]) {
            return Optional.empty();
        }
        writer.dirty(id.user());
        return next.session(device);
    }

    @Override
    public List<Session> sessionsOf(UserId user) {
        return replica.view(user).sessions();
    }

    /** Counts a session-less connection of {@code mailbox} (a user's) on this node. */
    void connectionOpened(Name mailbox) {
        UserId user = mailbox.userId();
        replica.update(user, view -> {
            HoldKey key = new HoldKey(self, NO_SESSION);
            Hold mine = view.holds().get(key);
            return view.withHold(key, new Hold(mine == null ? 1 : mine.connections() + 1, 0));
        });
        connections.incrementAndGet();
        writer.dirty(user);
    }

    /** Uncounts a session-less connection; one that was never counted is ignored. */
    void connectionClosed(Name mailbox) {
        UserId user = mailbox.userId();
        boolean[] closed = new boolean[1];
        replica.update(user, view -> {
            HoldKey key = new HoldKey(self, NO_SESSION);
            Hold mine = view.holds().get(key);
            if (mine == null) {
                return view;
            }
            closed[0] = true;
            return view.withHold(key, mine.connections() > 1 ? new Hold(mine.connections() - 1, 0) : null);
        });
        if (closed[0]) {
            connections.decrementAndGet();
            writer.dirty(user);
        }
    }

    Set<Integer> nodesHolding(Name mailbox) {
        return mailbox.isUser() ? replica.view(mailbox.userId()).nodes() : Set.of();
    }

    /** Connections this node holds: its load. */
    int connections() {
        return connections.get();
    }
}

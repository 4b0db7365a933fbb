package org.appmsg.adapter.persistence.redis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.appmsg.adapter.persistence.redis.PresenceChanges.Change;
import org.appmsg.adapter.persistence.redis.PresenceFields.Hold;
import org.appmsg.adapter.persistence.redis.PresenceFields.HoldKey;
import org.appmsg.adapter.persistence.redis.PresenceFields.Mark;
import org.appmsg.domain.shared.UserId;

/**
 * This node's copy of the whole cluster's presence: one immutable {@link UserView} per user with any live
 * connection anywhere, replaced whole on each change, so reads are lock-free and allocation-free.
 *
 * <p>This node's own holds are the source of truth for them: they change here first (then the writer copies
 * them to Redis) and nothing from outside overrides them. Other nodes' holds and all marks come from their
 * presence frames, applied in the order the channel delivered them; a node's hello or goodbye drops all of
 * its holds (a hello is followed by its full state).
 *
 * <p>Rebuilding from Redis (at start, after a reconnect) must not lose a frame published between the scan and
 * the switch to the new copy: {@link #startBuffering} (before the scan) queues frames, {@link #install} puts the
 * scanned state in and then replays the queue. Frames received before the scan began are already reflected
 * in what it reads, because a node publishes a change only after Redis acknowledged it.
 */
final class PresenceReplica {

    private final int self;
    private final ConcurrentHashMap<UserId, UserView> byUser = new ConcurrentHashMap<>();
    private final Object frames = new Object();
    private List<BusFrame> buffer; // guarded by frames; null while frames are applied at once

    PresenceReplica(int self) {
        this.self = self;
    }

    UserView view(UserId user) {
        UserView view = byUser.get(user);
        return view == null ? UserView.empty(user) : view;
    }

    /** Changes one user's view atomically; {@code change} may run side effects that must happen once with it. */
    UserView update(UserId user, UnaryOperator<UserView> change) {
        UserView next = byUser.compute(user, (u, old) -> {
            UserView changed = change.apply(old == null ? UserView.empty(u) : old);
            return changed.isEmpty() ? null : changed;
        });
        return next == null ? UserView.empty(user) : next;
    }

    /** Users with a live connection anywhere (a weakly consistent snapshot). */
    List<UserId> users() {
        return new ArrayList<>(byUser.keySet());
    }

    /** A presence, hello or goodbye frame of another node. */
    void onRemote(BusFrame frame) {
        synchronized (frames) {
            if (buffer != null) {
                buffer.add(frame);
            } else {
                apply(frame);
            }
        }
    }

    /** Drops every hold of {@code node}: it stopped, or its lease expired. */
    void purge(int node) {
        for (UserId user : users()) {
            update(user, view -> view.withoutNode(node));
        }
    }

    void startBuffering() {
        synchronized (frames) {
            if (buffer == null) {
                buffer = new ArrayList<>();
            }
        }
    }

    /**
     * Replaces other nodes' holds with {@code scanned} (raw fields per user, this node's own left out), keeps
     * this node's holds, keeps whichever mark is newer, then applies the frames queued since
     * {@link #startBuffering}.
     */
    void install(Map<UserId, Map<String, String>> scanned) {
        List<UserId> users = users();
        users.addAll(scanned.keySet());
        for (UserId user : users) {
            Map<String, String> fields = scanned.getOrDefault(user, Map.of());
            update(user, view -> merged(view, fields));
        }
        synchronized (frames) {
            if (buffer != null) {
                buffer.forEach(this::apply);
                buffer = null;
            }
        }
    }

    private UserView merged(UserView current, Map<String, String> scanned) {
        Map<HoldKey, Hold> holds = current.holdsOf(self);
        Map<String, Mark> marks = new HashMap<>(current.marks());
        scanned.forEach((field, value) -> {
            if (PresenceFields.isMark(field)) {
                Mark mark = PresenceFields.mark(value);
                marks.merge(PresenceFields.markDevice(field), mark, (mine, theirs) -> theirs.supersedes(mine) ? theirs : mine);
            } else {
                HoldKey key = PresenceFields.holdKey(field);
                if (key.node() != self) {
                    holds.put(key, PresenceFields.hold(value));
                }
            }
        });
        return UserView.of(current.user(), holds, marks).withoutOrphanMarks();
    }

    private void apply(BusFrame frame) {
        switch (frame.type()) {
            case HELLO, GOODBYE -> purge(frame.source());
            case PRESENCE -> {
                Map<UserId, List<Change>> byUserChanges = new LinkedHashMap<>();
                for (Change c : PresenceChanges.decode(frame.body())) {
                    byUserChanges.computeIfAbsent(c.user(), u -> new ArrayList<>()).add(c);
                }
                byUserChanges.forEach((user, changes) -> update(user, view -> applied(view, changes, frame.source())));
            }
            default -> throw new IllegalArgumentException("not a presence frame: " + frame.type());
        }
    }

    /** A node writes only its own holds: anything else it claims about holds is ignored. */
    private UserView applied(UserView view, List<Change> changes, int source) {
        Map<HoldKey, Hold> holds = new HashMap<>(view.holds());
        Map<String, Mark> marks = new HashMap<>(view.marks());
        for (Change c : changes) {
            if (PresenceFields.isMark(c.field())) {
                String device = PresenceFields.markDevice(c.field());
                if (c.value() == null) {
                    marks.remove(device);
                } else {
                    Mark mark = PresenceFields.mark(c.value());
                    if (mark.supersedes(marks.get(device))) {
                        marks.put(device, mark);
                    }
                }
            } else {
                HoldKey key = PresenceFields.holdKey(c.field());
                if (key.node() == source && source != self) {
                    if (c.value() == null) {
                        holds.remove(key);
                    } else {
                        holds.put(key, PresenceFields.hold(c.value()));
                    }
                }
            }
        }
        return UserView.of(view.user(), holds, marks);
    }
}

package org.appmsg.adapter.persistence.redis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.appmsg.adapter.persistence.redis.PresenceFields.Hold;
import org.appmsg.adapter.persistence.redis.PresenceFields.HoldKey;
import org.appmsg.adapter.persistence.redis.PresenceFields.Mark;
import org.appmsg.domain.session.Session;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.session.SessionState;
import org.appmsg.domain.shared.UserId;

/**
 * One user's presence across the cluster, immutable: every node's connection counts ({@code holds}) and the
 * sessions' states ({@code marks}), plus what the hot path reads, computed once here rather than per read: the
 * live sessions and the nodes holding at least one connection of the user's mailbox.
 *
 * <p>A session is live while some node holds a connection of it; its {@code created} is the earliest of
 * those holds, its state the mark (or {@code init} without one). A mark without a hold is kept until the node
 * that closed the session's last connection deletes it, a little later: a connection of the same session that
 * another node opened meanwhile (a client moving between nodes) keeps the session and its state.
 */
record UserView(UserId user, Map<HoldKey, Hold> holds, Map<String, Mark> marks, List<Session> sessions,
        Set<Integer> nodes) {

    static UserView of(UserId user, Map<HoldKey, Hold> holds, Map<String, Mark> marks) {
        Map<String, Long> created = new HashMap<>();
        Set<Integer> nodes = new HashSet<>();
        holds.forEach((key, hold) -> {
            nodes.add(key.node());
            if (!key.device().isEmpty()) {
                created.merge(key.device(), hold.createdMillis(), Math::min);
            }
        });
        List<Session> sessions = new ArrayList<>(created.size());
        created.forEach((device, createdMillis) -> {
            Instant since = Instant.ofEpochMilli(createdMillis);
            Mark mark = marks.get(device);
            sessions.add(mark == null ? new Session(new SessionId(user, device), SessionState.INIT, since, since)
                    : new Session(new SessionId(user, device), mark.state(), since,
                            Instant.ofEpochMilli(mark.updatedMillis())));
        });
        return new UserView(user, Map.copyOf(holds), Map.copyOf(marks), List.copyOf(sessions), Set.copyOf(nodes));
    }

    static UserView empty(UserId user) {
        return new UserView(user, Map.of(), Map.of(), List.of(), Set.of());
    }

    boolean isEmpty() {
        return holds.isEmpty() && marks.isEmpty();
    }

    /** Whether any node holds a connection of the session. */
    boolean held(String device) {
        for (HoldKey key : holds.keySet()) {
            if (key.device().equals(device)) {
                return true;
            }
        }
        return false;
    }

    /** Without the marks of sessions nobody holds. */
    UserView withoutOrphanMarks() {
        Map<String, Mark> kept = new HashMap<>(marks);
        kept.keySet().removeIf(device -> !held(device));
        return kept.size() == marks.size() ? this : of(user, holds, kept);
    }

    Optional<Session> session(String device) {
        for (Session s : sessions) {
            if (s.id().device().equals(device)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Whether a node other than {@code node} holds a connection of the session. */
    boolean heldElsewhere(String device, int node) {
        for (HoldKey key : holds.keySet()) {
            if (key.node() != node && key.device().equals(device)) {
                return true;
            }
        }
        return false;
    }

    /** The holds of one node. */
    Map<HoldKey, Hold> holdsOf(int node) {
        Map<HoldKey, Hold> out = new HashMap<>();
        holds.forEach((key, hold) -> {
            if (key.node() == node) {
                out.put(key, hold);
            }
        });
        return out;
    }

    /** Sets ({@code hold} non-null) or removes one hold. */
    UserView withHold(HoldKey key, Hold hold) {
        return withHolds(all -> {
            if (hold == null) {
                all.remove(key);
            } else {
                all.put(key, hold);
            }
            return all;
        });
    }

    UserView withHolds(UnaryOperator<Map<HoldKey, Hold>> change) {
        return of(user, change.apply(new HashMap<>(holds)), marks);
    }

    /** Sets ({@code mark} non-null) or removes one session's mark. */
    UserView withMark(String device, Mark mark) {
        Map<String, Mark> next = new HashMap<>(marks);
        if (mark == null) {
            next.remove(device);
        } else {
            next.put(device, mark);
        }
        return of(user, holds, next);
    }

    /** Without the holds of {@code node}, and without the marks that leaves orphaned. */
    UserView withoutNode(int node) {
        return withHolds(all -> {
            all.keySet().removeIf(key -> key.node() == node);
            return all;
        }).withoutOrphanMarks();
    }
}

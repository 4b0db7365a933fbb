package org.appmsg.application.service;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.appmsg.application.port.out.QunRepository;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.qun.Qun;
import org.appmsg.domain.qun.QunId;

/**
 * Groups as group chat reads them, once per message: a node-local copy of each recently used group with its
 * members' mailbox names, checked against the group's stored version on every read ({@link QunRepository#version},
 * one primary-key read) and read again in full only when the group changed. So a send never uses a stale
 * member list, on this node or after a change on another node, and a 1,000-member group costs one small query
 * per message instead of a thousand member rows. At most {@link #MAX_GROUPS} groups are kept; an arbitrary one
 * makes room. Thread-safe.
 */
final class QunSnapshots {

    /** Groups kept; a 2,000-member group's copy is a few hundred KB at most. */
    static final int MAX_GROUPS = 1_024;

    /** A group as read at {@code version}, with its members' mailboxes in join order. */
    record Snapshot(Qun qun, long version, List<Name> mailboxes) {}

    private final QunRepository quns;
    private final ConcurrentHashMap<QunId, Snapshot> cache = new ConcurrentHashMap<>();

    QunSnapshots(QunRepository quns) {
        this.quns = quns;
    }

    /** The group as stored now; empty when unknown or dissolved. */
    Optional<Snapshot> current(QunId id) {
        OptionalLong version = quns.version(id);
        if (version.isEmpty()) {
            cache.remove(id);
            return Optional.empty();
        }
        Snapshot kept = cache.get(id);
        if (kept != null && kept.version() == version.getAsLong()) {
            return Optional.of(kept);
        }
        Optional<Snapshot> read = quns.find(id).map(v -> new Snapshot(v.qun(), v.version(),
                v.qun().memberIds().stream().map(Name::of).toList()));
        read.ifPresentOrElse(snapshot -> keep(id, snapshot), () -> cache.remove(id));
        return read;
    }

    private void keep(QunId id, Snapshot snapshot) {
        if (cache.size() >= MAX_GROUPS && !cache.containsKey(id)) {
            Iterator<QunId> any = cache.keySet().iterator();
            if (any.hasNext()) {
                cache.remove(any.next());
            }
        }
        // a slower reader must not replace a newer copy with its older one
        cache.merge(id, snapshot, (old, mine) -> mine.version() >= old.version() ? mine : old);
    }
}

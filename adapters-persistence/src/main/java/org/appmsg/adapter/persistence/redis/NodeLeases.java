package org.appmsg.adapter.persistence.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import redis.clients.jedis.params.SetParams;

/**
 * Node leases: {@code <prefix>:{nodes}:<id>} holds a live node's public addresses, start time and load, with a
 * TTL its node refreshes (one key per node, however many sessions it holds); {@code <prefix>:{nodes}:ids} lists
 * every id that ever held one, so all leases are read with one SMEMBERS and one MGET (they share a slot).
 *
 * <p>A node is live while its lease exists. {@link #poll} reports the nodes whose lease disappeared since the
 * previous poll, unless they said hello meanwhile ({@link #heard}): a node restarting with the same id must not
 * be declared dead by a poll that began before its new lease was written.
 */
final class NodeLeases {

    private final int self;
    private final RedisLink link;
    private final RedisKeys keys;
    private final Duration ttl;
    private final RedisPresence.Addresses addresses;
    private final Instant started;
    private final IntSupplier load;
    private final Map<Integer, Long> heardAt = new ConcurrentHashMap<>();
    private volatile long epoch;
    private volatile Map<Integer, RedisPresence.Node> live = Map.of();

    NodeLeases(int self, RedisLink link, RedisKeys keys, Duration ttl, RedisPresence.Addresses addresses,
            Instant started, IntSupplier load) {
        this.self = self;
        this.link = link;
        this.keys = keys;
        this.ttl = ttl;
        this.addresses = addresses;
        this.started = started;
        this.load = load;
    }

    /** Writes this node's lease whether or not it exists (at start and after a resync). */
    void acquire(long newEpoch) {
        this.epoch = newEpoch;
        link.call("acquire lease", r -> r.set(keys.lease(self), value(), SetParams.setParams().px(ttl.toMillis())));
        link.call("register node", r -> r.sadd(keys.leaseIds(), Integer.toString(self)));
    }

    /** Extends this node's lease; false when it had lapsed, i.e. other nodes may have declared this one dead. */
    boolean refresh() {
        String ok = link.call("refresh lease",
                r -> r.set(keys.lease(self), value(), SetParams.setParams().xx().px(ttl.toMillis())));
        return ok != null;
    }

    /** Removes this node's lease at once (a clean stop). */
    void release() {
        link.call("release lease", r -> r.del(keys.lease(self)));
    }

    /** A hello from {@code node}: it is live now, whatever an ongoing poll finds. */
    void heard(int node) {
        heardAt.put(node, System.nanoTime());
    }

    /**
     * Reads every lease; returns the other nodes that were live at the previous poll and are not any more (a lost
     * lease of this node is never reported: its holds are the truth whatever Redis says).
     */
    Set<Integer> poll() {
        long began = System.nanoTime();
        Map<Integer, RedisPresence.Node> now = read();
        Set<Integer> gone = new HashSet<>(live.keySet());
        gone.removeAll(now.keySet());
        gone.removeIf(node -> heardAt.getOrDefault(node, began - 1) - began > 0);
        gone.remove(self); // its own lease missing means Redis lost it: refresh() finds that out and it resyncs
        live = now;
        return gone;
    }

    /** Which of {@code nodes} have no lease right now. */
    Set<Integer> absent(Set<Integer> nodes) {
        List<Integer> ids = new ArrayList<>(nodes);
        List<String> values = link.call("read leases", r -> r.mget(ids.stream().map(keys::lease).toArray(String[]::new)));
        Set<Integer> out = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            if (values.get(i) == null) {
                out.add(ids.get(i));
            }
        }
        return out;
    }

    /** The nodes live at the last poll, by id. */
    List<RedisPresence.Node> live() {
        return List.copyOf(live.values());
    }

    Set<Integer> liveIds() {
        return live.keySet();
    }

    private Map<Integer, RedisPresence.Node> read() {
        List<String> ids = new ArrayList<>(link.call("list nodes", r -> r.smembers(keys.leaseIds())));
        Map<Integer, RedisPresence.Node> out = new TreeMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        List<String> values = link.call("read leases",
                r -> r.mget(ids.stream().map(id -> keys.lease(Integer.parseInt(id))).toArray(String[]::new)));
        for (int i = 0; i < ids.size(); i++) {
            if (values.get(i) != null) {
                int id = Integer.parseInt(ids.get(i));
                out.put(id, node(id, values.get(i)));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** {@code epoch|started ms|connections|http|ws|tcp}. */
    private String value() {
        return Long.toString(epoch, 36) + "|" + started.toEpochMilli() + "|" + load.getAsInt() + "|"
                + addresses.http() + "|" + addresses.ws() + "|" + addresses.tcp();
    }

    private static RedisPresence.Node node(int id, String value) {
        String[] p = value.split("\\|", -1);
        return new RedisPresence.Node(id, p[3], p[4], p[5], Instant.ofEpochMilli(Long.parseLong(p[1])),
                Integer.parseInt(p[2]));
    }
}

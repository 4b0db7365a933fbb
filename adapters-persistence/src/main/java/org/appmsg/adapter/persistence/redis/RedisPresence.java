package org.appmsg.adapter.persistence.redis;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.appmsg.application.port.out.LoginAttempts;
import org.appmsg.application.port.out.SharedMeters;
import org.appmsg.application.port.out.PresenceRegistry;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.appmsg.domain.name.Name;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's membership in a cluster of appmsg nodes sharing one Redis (single server or Redis Cluster): the
 * cluster-wide {@link PresenceRegistry}, mailbox routing, node leases and the cluster bus.
 *
 * <p>Presence is replicated: every node keeps the whole cluster's sessions in memory, so {@link #presence()}
 * reads and {@link #nodesHolding} never touch Redis; a node writes only its own changes (batched, on one thread)
 * and hears the others' over the bus. Nothing is written per client heartbeat: one lease per node, refreshed
 * every {@code leaseRefresh}, stands for all its connections. A node whose lease expires (default 15 s) is dead:
 * every node drops its sessions at its next lease poll (so within about 20 s), and the lowest live node deletes
 * what it left in Redis. {@link #close()} says goodbye, which drops them everywhere at once.
 *
 * <p>When Redis goes away, everything keeps working on this node from the replica; {@link #redisAvailable()}
 * is false, bus sends fail fast, and the adapter reconnects with backoff (50 ms doubling to
 * {@code maxBackoff}). Back, it rewrites its own presence, rebuilds the replica and calls
 * {@link BusListener#onReconnected()}.
 *
 * <p>All methods are thread-safe. Keys, channels and the wire format are in {@code docs/cluster-redis.md}.
 */
public final class RedisPresence implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisPresence.class);

    /** The addresses clients should use to reach a node: {@code host:port} each (no {@code |}). */
    public record Addresses(String http, String ws, String tcp) {
        public Addresses {
            for (String a : new String[] {http, ws, tcp}) {
                if (a == null || a.contains("|")) {
                    throw new IllegalArgumentException("a node address must be host:port without '|': " + a);
                }
            }
        }
    }

    /** A live node as its lease says: its public addresses, when it started, and the connections it holds. */
    public record Node(int id, String httpAddress, String wsAddress, String tcpAddress, Instant started,
            int connections) {}

    /**
     * What the bus delivers. {@link #onMessage} and {@link #onBroadcast} run on the bus's subscription thread, in
     * the order the frames were published: hand anything slow to another thread. {@link #onReconnected} runs on a
     * thread of its own; calls that come while one runs are folded into one more call after it.
     */
    public interface BusListener {
        /** A message {@link #send sent} to this node (also by this node to itself). */
        default void onMessage(int fromNode, byte[] payload) {}

        /** A {@link #broadcast} of another node. */
        default void onBroadcast(int fromNode, byte[] payload) {}

        /**
         * Frames to or from this node may have been lost: this node's link to Redis came back, or another node's did
         * (what it sent while away was lost). Resynchronise what depends on them (sockets from their mailboxes,
         * caches).
         */
        default void onReconnected() {}
    }

    /**
     * {@code redisUrl} {@code redis://[user:password@]host:port[/db]} ({@code rediss://} for TLS; a Redis Cluster is
     * found out by itself and takes any of its nodes); {@code nodeId} 0-1023, distinct per node; {@code keyPrefix}
     * starts every key and channel name (nodes of one cluster share it). A node is dead {@code leaseTtl} after
     * its last refresh; it refreshes every {@code leaseRefresh}, which is also how often it polls the other nodes'
     * leases. {@code startTimeout} bounds {@link #start}.
     */
    public record Settings(URI redisUrl, int nodeId, Addresses addresses, String keyPrefix, Duration leaseTtl,
            Duration leaseRefresh, Duration maxBackoff, Duration startTimeout) {

        public static final String DEFAULT_PREFIX = "appmsg";
        public static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(15);
        public static final Duration DEFAULT_LEASE_REFRESH = Duration.ofSeconds(5);

        /** The defaults: prefix {@code appmsg}, 15 s leases refreshed every 5 s, backoff up to 5 s, 10 s to start. */
        public Settings(URI redisUrl, int nodeId, Addresses addresses) {
            this(redisUrl, nodeId, addresses, DEFAULT_PREFIX, DEFAULT_LEASE_TTL, DEFAULT_LEASE_REFRESH,
                    Duration.ofSeconds(5), Duration.ofSeconds(10));
        }

        public Settings {
            Objects.requireNonNull(redisUrl, "redisUrl");
            Objects.requireNonNull(addresses, "addresses");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            Objects.requireNonNull(startTimeout, "startTimeout");
            if (nodeId < 0 || nodeId > 1023) {
                throw new IllegalArgumentException("nodeId must be within 0..1023: " + nodeId);
            }
            if (keyPrefix == null || !keyPrefix.matches("[A-Za-z0-9_.:-]{1,64}")) {
                throw new IllegalArgumentException("keyPrefix must be 1-64 letters, digits, '_', '.', ':' or '-'");
            }
            if (leaseRefresh.isNegative() || leaseRefresh.isZero() || leaseTtl.compareTo(leaseRefresh.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException("leaseTtl must be at least twice leaseRefresh (> 0)");
            }
        }

        public Settings withKeyPrefix(String prefix) {
            return new Settings(redisUrl, nodeId, addresses, prefix, leaseTtl, leaseRefresh, maxBackoff, startTimeout);
        }

        public Settings withLeases(Duration ttl, Duration refresh) {
            return new Settings(redisUrl, nodeId, addresses, keyPrefix, ttl, refresh, maxBackoff, startTimeout);
        }

        public Settings withMaxBackoff(Duration max) {
            return new Settings(redisUrl, nodeId, addresses, keyPrefix, leaseTtl, leaseRefresh, max, startTimeout);
        }

        public Settings withNodeId(int id, Addresses nodeAddresses) {
            return new Settings(redisUrl, id, nodeAddresses, keyPrefix, leaseTtl, leaseRefresh, maxBackoff, startTimeout);
        }

        @Override
        public String toString() {
            return "Settings[redisUrl=" + RedisLink.redacted(redisUrl) + ", nodeId=" + nodeId + ", keyPrefix=" + keyPrefix + "]";
        }
    }

    private final Settings settings;
    private final RedisLink link;
    private final PresenceReplica replica;
    private final NodeLeases leases;
    private final PresenceWriter writer;
    private final RedisPresenceRegistry registry;
    private final RedisClusterBus bus;
    private final Reconnects reconnects;
    private final LeaseKeeper keeper;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RedisPresence(Settings settings, RedisLink link, BusListener listener) {
        this.settings = settings;
        this.link = link;
        int self = settings.nodeId();
        RedisKeys keys = new RedisKeys(settings.keyPrefix());
        this.reconnects = new Reconnects(listener, "appmsg-redis-reconnected-" + self);
        this.replica = new PresenceReplica(self);
        RedisPresenceRegistry[] registryRef = new RedisPresenceRegistry[1];
        this.leases = new NodeLeases(self, link, keys, settings.leaseTtl(), settings.addresses(), Instant.now(),
                () -> registryRef[0] == null ? 0 : registryRef[0].connections());
        PresenceScan scan = new PresenceScan(self, link, keys, leases);
        this.bus = new RedisClusterBus(self, link, keys, new Inbound(listener), settings.maxBackoff());
        this.writer = new PresenceWriter(self, link, keys, replica, scan, leases, bus, reconnects::fire,
                settings.maxBackoff());
        this.registry = new RedisPresenceRegistry(self, replica, writer);
        registryRef[0] = registry;
        this.keeper = new LeaseKeeper(self, settings.leaseRefresh(), leases, replica, writer, scan, bus);
    }

    /**
     * Connects, subscribes, writes this node's lease and reads the cluster's presence; returns once all of that
     * is done.
     *
     * @throws StorageUnavailableException when Redis cannot be reached within {@code startTimeout}
     * @throws IllegalArgumentException for a URL that is not a Redis URL
     */
    public static RedisPresence start(Settings settings, BusListener listener) {
        Objects.requireNonNull(listener, "listener");
        RedisLink link = RedisLink.connect(settings.redisUrl(), "appmsg-node-" + settings.nodeId());
        RedisPresence node = new RedisPresence(settings, link, listener);
        node.bus.start();
        node.writer.start();
        try {
            if (!node.writer.awaitFirstSync(settings.startTimeout())) {
                node.halt();
                throw new StorageUnavailableException("Redis: no sync within " + settings.startTimeout(), null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            node.halt();
            throw new StorageUnavailableException("interrupted while starting", e);
        }
        node.keeper.start();
        log.info("Redis presence ready: node {} on {} ({})", settings.nodeId(), RedisLink.redacted(settings.redisUrl()),
                link.cluster() ? "Redis Cluster" : "single Redis");
        return node;
    }

    public int nodeId() {
        return settings.nodeId();
    }

    /** The cluster-wide presence registry; its reads never wait for Redis. */
    public PresenceRegistry presence() {
        return registry;
    }

    /**
     * The live nodes holding at least one connection that reads {@code mailbox}: a session's connection (as
     * opened through {@link #presence()}) or a session-less one ({@link #connectionOpened}). Empty for a name that
     * is not a user's. Lock-free; the set is immutable.
     */
    public Set<Integer> nodesHolding(Name mailbox) {
        return registry.nodesHolding(mailbox);
    }

    /**
     * A session-less connection ({@code uid@user}) of {@code mailbox}, a user's name, opened on this node. Connections
     * of a session key are counted through {@link #presence()} instead; counting them here too is harmless but
     * costs a write.
     */
    public void connectionOpened(Name mailbox) {
        registry.connectionOpened(mailbox);
    }

    /** A session-less connection counted by {@link #connectionOpened} closed. */
    public void connectionClosed(Name mailbox) {
        registry.connectionClosed(mailbox);
    }

    /**
     * The nodes whose lease was current at the last poll (at most {@code leaseRefresh} ago), this one included, by
     * id. A node that stopped cleanly is gone from the next poll; one that died is listed until its lease expires.
     */
    public List<Node> liveNodes() {
        return leases.live();
    }

    /**
     * Sends {@code payload} (any bytes) to node {@code node}'s {@link BusListener#onMessage}, once, in the order this
     * thread sent it; lost if that node is not connected to Redis at the moment (it then resynchronises when it is).
     *
     * @throws StorageUnavailableException when Redis cannot be reached now
     */
    public void send(int node, byte[] payload) {
        bus.send(node, payload);
    }

    /** Sends {@code payload} to every other connected node's {@link BusListener#onBroadcast}; as {@link #send}. */
    public void broadcast(byte[] payload) {
        bus.broadcast(payload);
    }

    /**
     * The login throttle's counts shared by every node, on this node's Redis link under its key prefix
     * ({@link RedisLoginAttempts}); {@code fallback} counts on this node while Redis cannot be reached.
     * {@code forgetAfter} and {@code knownFor} are the throttle's (they bound how long Redis keeps a count).
     */
    public LoginAttempts loginAttempts(Duration forgetAfter, Duration knownFor, LoginAttempts fallback) {
        return new RedisLoginAttempts(link, new RedisKeys(settings.keyPrefix()), this::redisAvailable, forgetAfter,
                knownFor, fallback);
    }

    /** Quota meters every node shares ({@link RedisSharedMeters}), on this node's link and key prefix. */
    public SharedMeters sharedMeters() {
        return new RedisSharedMeters(link, new RedisKeys(settings.keyPrefix()), this::redisAvailable);
    }

    /** False while a subscription, the presence writer or the lease cannot reach Redis (for {@code /ready}). */
    public boolean redisAvailable() {
        return bus.subscribed() && writer.healthy() && keeper.leaseOk();
    }

    /** Says goodbye: deletes this node's presence and lease, tells the other nodes, and stops every thread. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        keeper.stop();
        try {
            writer.stop(true);
            leases.release();
            bus.publish(new BusFrame(BusFrame.Type.GOODBYE, settings.nodeId(), new byte[0]));
        } catch (StorageUnavailableException e) {
            log.warn("Redis presence: no goodbye ({}); other nodes will drop this one when its lease expires", e.getMessage());
        }
        bus.stop();
        reconnects.stop();
        link.close();
    }

    /** Stops as a crash would, without a goodbye: the lease is left to expire (for tests). */
    void halt() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        keeper.stop();
        writer.stop(false);
        bus.stop();
        reconnects.stop();
        link.close();
    }

    /** The bus's frames, handed on. */
    private final class Inbound implements RedisClusterBus.Inbound {
        private final BusListener listener;

        Inbound(BusListener listener) {
            this.listener = listener;
        }

        @Override
        public void message(int from, byte[] payload) {
            listener.onMessage(from, payload);
        }

        @Override
        public void broadcast(int from, byte[] payload) {
            listener.onBroadcast(from, payload);
        }

        @Override
        public void presence(BusFrame frame) {
            if (frame.type() == BusFrame.Type.HELLO) {
                leases.heard(frame.source());
            }
            replica.onRemote(frame);
            if (frame.resumed()) {
                reconnects.fire();
            }
        }

        @Override
        public void linkChanged(boolean allUp) {
            if (!allUp) {
                writer.requestResync();
            }
        }
    }
}

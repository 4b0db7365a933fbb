package org.appmsg.adapter.persistence.redis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.appmsg.application.port.out.ClusterEvents;
import org.appmsg.application.port.out.ConnectionRevocation;
import org.appmsg.application.port.out.LiveDelivery;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.appmsg.domain.auth.UserToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's {@link LiveDelivery}, {@link ConnectionRevocation} and {@link ClusterEvents} in a cluster, over the
 * {@link RedisPresence} bus.
 *
 * <p>Delivery: this node's own connections get each batch directly ({@link Local#delivery}); every other node that
 * holds a connection reading one of the batch's mailboxes ({@link RedisPresence#nodesHolding}) gets one bus
 * message with exactly the entries for its mailboxes, encoded once for that node, and hands them to its own
 * connections the same way. A message that is lost (Redis away at that moment) is not retried: each connection's
 * mid sequencer notices the gap at the next entry and reads it from the mailbox, and every connection rereads its
 * mailbox when the bus reconnects ({@link Local#resync}).
 *
 * <p>Revocation and cache events are broadcast to every other node, which applies them to its own connections and
 * caches. Publishing is a Redis round trip on the caller's thread (well under a millisecond on a LAN); it never
 * throws: with Redis away it logs and goes on.
 */
public final class ClusterDelivery implements LiveDelivery, ConnectionRevocation, ClusterEvents, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterDelivery.class);
    private static final long WARN_EVERY_NANOS = 10_000_000_000L;

    /**
     * What this node does with what it hears: {@code delivery} and {@code revocation} are its own connections;
     * {@code tokenForgotten} takes the digest of a token another node revoked (drop it from caches);
     * {@code event} applies another node's cache event; {@code resync} runs when bus frames may have been lost
     * (reread mailboxes, flush caches). None may block for long: the first four run on the bus thread.
     */
    public record Local(LiveDelivery delivery, ConnectionRevocation revocation, Consumer<String> tokenForgotten,
            Consumer<ClusterEvents.Event> event, Runnable resync) {
        public Local {
            Objects.requireNonNull(delivery, "delivery");
            Objects.requireNonNull(revocation, "revocation");
            Objects.requireNonNull(tokenForgotten, "tokenForgotten");
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(resync, "resync");
        }
    }

    private final Local local;
    private final RedisPresence node;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    private ClusterDelivery(Local local, RedisPresence.Settings settings) {
        this.local = local;
        this.node = RedisPresence.start(settings, new Inbound());
    }

    /**
     * Joins the cluster ({@link RedisPresence#start}) and returns once this node's presence is synchronised.
     *
     * @throws StorageUnavailableException when Redis cannot be reached in time
     */
    public static ClusterDelivery start(RedisPresence.Settings settings, Local local) {
        return new ClusterDelivery(Objects.requireNonNull(local, "local"), settings);
    }

    /** This node's membership: presence, leases, health. */
    public RedisPresence node() {
        return node;
    }

    @Override
    public void deliver(List<Live> messages) {
        local.delivery().deliver(messages);
        Map<Integer, List<Live>> byNode = null;
        int self = node.nodeId();
        for (Live live : messages) {
            for (int holder : node.nodesHolding(live.entry().mailbox())) {
                if (holder != self) {
                    if (byNode == null) {
                        byNode = new HashMap<>();
                    }
                    byNode.computeIfAbsent(holder, n -> new ArrayList<>()).add(live);
                }
            }
        }
        if (byNode != null) {
            byNode.forEach((holder, entries) -> send(holder, ClusterBusCodec.deliveries(entries)));
        }
    }

    @Override
    public void tokenRevoked(UserToken token) {
        local.revocation().tokenRevoked(token);
        broadcast(ClusterBusCodec.tokenRevoked(token));
    }

    @Override
    public void publish(ClusterEvents.Event event) {
        broadcast(ClusterBusCodec.event(event));
    }

    /** Leaves the cluster ({@link RedisPresence#close}). */
    @Override
    public void close() {
        node.close();
    }

    private void send(int holder, byte[] body) {
        try {
            node.send(holder, body);
        } catch (StorageUnavailableException e) {
            warn("live entries for node " + holder + " not sent (its connections fill the gap from their mailboxes)", e);
        }
    }

    private void broadcast(byte[] body) {
        try {
            node.broadcast(body);
        } catch (StorageUnavailableException e) {
            warn("a cluster event was not sent (the other nodes flush their caches when the bus is back)", e);
        }
    }

    private void warn(String what, StorageUnavailableException e) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            log.warn("Redis unavailable: {} ({}); further such warnings within 10 s are not logged", what, e.getMessage());
        }
    }

    /** What the bus brings. */
    private final class Inbound implements RedisPresence.BusListener {

        @Override
        public void onMessage(int fromNode, byte[] payload) {
            handle(fromNode, payload);
        }

        @Override
        public void onBroadcast(int fromNode, byte[] payload) {
            handle(fromNode, payload);
        }

        @Override
        public void onReconnected() {
            local.resync().run();
        }

        private void handle(int fromNode, byte[] payload) {
            try {
                switch (ClusterBusCodec.decode(payload)) {
                    case ClusterBusCodec.Deliveries d -> local.delivery().deliver(d.entries());
                    case ClusterBusCodec.TokenRevoked t -> {
                        local.tokenForgotten().accept(t.token().digest());
                        local.revocation().tokenRevoked(t.token());
                    }
                    case ClusterBusCodec.Event e -> local.event().accept(e.event());
                    case ClusterBusCodec.Unknown u -> log.debug("ignored a bus body of unknown kind {} from node {}",
                            u.kind(), fromNode);
                }
            } catch (RuntimeException e) {
                log.error("a bus message from node {} could not be handled", fromNode, e); // keep the bus thread alive
            }
        }
    }
}

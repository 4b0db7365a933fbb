package org.appmsg.adapter.persistence.redis;

import java.time.Duration;
import java.util.List;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster bus over Redis pub/sub: a channel per node for point-to-point messages and one broadcast channel
 * (which also carries presence frames, hellos and goodbyes, so they keep one order for every receiver). On a
 * single Redis one subscription (SUBSCRIBE) takes both channels; on a Redis Cluster each is a sharded
 * subscription (SSUBSCRIBE) on the master of its slot, so a node's messages load only that shard and a
 * broadcast is not copied to every master as a plain PUBLISH would be.
 *
 * <p>Publishing uses the pooled client from any thread; while a subscription is down it fails at once
 * rather than waiting for a timeout. Frames are handled on the subscription threads, in channel order.
 */
final class RedisClusterBus implements Subscription.Handler, PresenceWriter.Publisher {

    private static final Logger log = LoggerFactory.getLogger(RedisClusterBus.class);

    /** What the bus hands on. Called on a subscription thread: must not block. */
    interface Inbound {
        void message(int from, byte[] payload);

        void broadcast(int from, byte[] payload);

        /** A presence, hello or goodbye frame of another node. */
        void presence(BusFrame frame);

        /** A subscription came up or went down. */
        void linkChanged(boolean allUp);
    }

    private final int self;
    private final RedisLink link;
    private final RedisKeys keys;
    private final Inbound inbound;
    private final List<Subscription> subscriptions;

    RedisClusterBus(int self, RedisLink link, RedisKeys keys, Inbound inbound, Duration maxBackoff) {
        this.self = self;
        this.link = link;
        this.keys = keys;
        this.inbound = inbound;
        String name = "appmsg-redis-bus-" + self;
        this.subscriptions = link.cluster()
                ? List.of(new Subscription(name, link, this, maxBackoff, keys.nodeChannel(self)),
                        new Subscription(name + "-all", link, this, maxBackoff, keys.broadcastChannel()))
                : List.of(new Subscription(name, link, this, maxBackoff, keys.nodeChannel(self), keys.broadcastChannel()));
    }

    void start() {
        subscriptions.forEach(Subscription::start);
    }

    void stop() {
        subscriptions.forEach(Subscription::stop);
    }

    void send(int node, byte[] payload) {
        publish(keys.nodeChannel(node), new BusFrame(BusFrame.Type.MESSAGE, self, payload));
    }

    void broadcast(byte[] payload) {
        publish(new BusFrame(BusFrame.Type.BROADCAST, self, payload));
    }

    @Override
    public void publish(BusFrame frame) {
        publish(keys.broadcastChannel(), frame);
    }

    /** A keep-alive on each channel this node listens to. */
    void ping() {
        BusFrame ping = new BusFrame(BusFrame.Type.PING, self, new byte[0]);
        publish(keys.nodeChannel(self), ping);
        publish(keys.broadcastChannel(), ping);
    }

    /** Drops subscriptions that heard nothing, not even this node's own pings, for longer than {@code quiet}. */
    void kickQuiet(Duration quiet) {
        for (Subscription s : subscriptions) {
            if (s.up() && s.quietNanos() > quiet.toNanos()) {
                log.warn("a Redis subscription heard nothing for {} ms: reconnecting it", quiet.toMillis());
                s.kick();
            }
        }
    }

    @Override
    public boolean subscribed() {
        for (Subscription s : subscriptions) {
            if (!s.up()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void onFrame(byte[] channel, byte[] message) {
        BusFrame frame = BusFrame.decode(message);
        switch (frame.type()) {
            case MESSAGE -> inbound.message(frame.source(), frame.body());
            case BROADCAST -> {
                if (frame.source() != self) {
                    inbound.broadcast(frame.source(), frame.body());
                }
            }
            case PRESENCE, HELLO, GOODBYE -> {
                if (frame.source() != self) {
                    inbound.presence(frame);
                }
            }
            case PING -> { } // its arrival is what counts
        }
    }

    @Override
    public void onUp(Subscription subscription) {
        inbound.linkChanged(subscribed());
    }

    @Override
    public void onDown(Subscription subscription) {
        inbound.linkChanged(false);
    }

    private void publish(byte[] channel, BusFrame frame) {
        if (!subscribed()) {
            throw new StorageUnavailableException("Redis is not reachable: the cluster bus is reconnecting", null);
        }
        link.publish(channel, frame.encode());
    }
}

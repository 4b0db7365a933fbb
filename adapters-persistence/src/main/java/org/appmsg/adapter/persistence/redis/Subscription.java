package org.appmsg.adapter.persistence.redis;

import java.io.IOException;
import java.time.Duration;
import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.BinaryJedisShardedPubSub;
import redis.clients.jedis.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One blocking Redis subscription on a thread and connection of its own (Jedis pub/sub blocks its caller),
 * resubscribed with backoff whenever it is lost. SUBSCRIBE on a single Redis; SSUBSCRIBE on a cluster, where all
 * {@code channels} must hash to one slot (the server then also ends the subscription when the slot moves, which
 * is handled like any other loss).
 *
 * <p>Frames arrive on this thread in the order the server published them. {@link #kick} drops a connection
 * that has gone quiet (a peer that vanished without closing the socket would otherwise block the read forever).
 */
final class Subscription {

    private static final Logger log = LoggerFactory.getLogger(Subscription.class);

    interface Handler {
        void onFrame(byte[] channel, byte[] message);

        /** All channels are subscribed: from now on nothing published to them is missed. */
        void onUp(Subscription subscription);

        /** The subscription was lost: anything published meanwhile is missed. */
        void onDown(Subscription subscription);
    }

    private final String name;
    private final RedisLink link;
    private final byte[][] channels;
    private final Handler handler;
    private final Backoff backoff;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean up;
    private volatile long lastFrameNanos = System.nanoTime();
    private volatile Connection current;

    Subscription(String name, RedisLink link, Handler handler, Duration maxBackoff, byte[]... channels) {
        this.name = name;
        this.link = link;
        this.channels = channels;
        this.handler = handler;
        this.backoff = new Backoff(Duration.ofMillis(50), maxBackoff);
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    boolean up() {
        return up;
    }

    /** Nanos since the last frame or (re)subscription. */
    long quietNanos() {
        return System.nanoTime() - lastFrameNanos;
    }

    /** Drops the current connection; the subscription is made again after a backoff. */
    void kick() {
        Connection c = current;
        if (c != null) {
            try {
                c.forceDisconnect();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    void stop() {
        running = false;
        kick();
        thread.interrupt();
        try {
            thread.join(RedisLink.TIMEOUT.toMillis() * 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            try (Connection connection = link.subscriptionConnection(channels[0])) {
                current = connection;
                if (running) {
                    proceed(connection);
                }
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("{}: Redis subscription lost: {}", name, e.getMessage());
                }
            } finally {
                current = null;
            }
            if (up) {
                up = false;
                handler.onDown(this);
            }
            if (running && !backoff.pause()) {
                return;
            }
        }
    }

    private void proceed(Connection connection) {
        if (link.cluster()) {
            new BinaryJedisShardedPubSub() {
                @Override
                public void onSSubscribe(byte[] channel, int count) {
                    subscribed(count);
                }

                @Override
                public void onSMessage(byte[] channel, byte[] message) {
                    frame(channel, message);
                }
            }.proceed(connection, channels);
        } else {
            new BinaryJedisPubSub() {
                @Override
                public void onSubscribe(byte[] channel, int count) {
                    subscribed(count);
                }

                @Override
                public void onMessage(byte[] channel, byte[] message) {
                    frame(channel, message);
                }
            }.proceed(connection, channels);
        }
    }

    private void subscribed(int count) {
        lastFrameNanos = System.nanoTime();
        if (count == channels.length && !up) {
            up = true;
            backoff.reset();
            log.info("{}: subscribed", name);
            handler.onUp(this);
        }
    }

    private void frame(byte[] channel, byte[] message) {
        lastFrameNanos = System.nanoTime();
        try {
            handler.onFrame(channel, message);
        } catch (RuntimeException e) {
            log.error("{}: a bus frame's handler failed; the frame is dropped", name, e);
        }
    }
}

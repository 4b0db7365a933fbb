package org.appmsg.adapter.persistence.redis;

import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link RedisPresence.BusListener#onReconnected} on a thread of its own, never two at once: a request that
 * comes while a call runs makes exactly one more call after it (a Redis restart brings one request from this
 * node and one from every other node's hello; one or two resyncs cover them all).
 */
final class Reconnects {

    private static final Logger log = LoggerFactory.getLogger(Reconnects.class);

    private final RedisPresence.BusListener listener;
    private final String threadName;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile boolean stopped;

    Reconnects(RedisPresence.BusListener listener, String threadName) {
        this.listener = listener;
        this.threadName = threadName;
    }

    void fire() {
        if (!stopped && pending.getAndIncrement() == 0) {
            Thread.ofVirtual().name(threadName).start(this::drain);
        }
    }

    void stop() {
        stopped = true;
    }

    private void drain() {
        do {
            pending.set(1);
            if (stopped) {
                pending.set(0);
                return;
            }
            try {
                listener.onReconnected();
            } catch (RuntimeException e) {
                log.error("onReconnected failed", e);
            }
        } while (pending.decrementAndGet() > 0);
    }
}

package org.appmsg.adapter.persistence.redis;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's periodic duties, every {@code leaseRefresh} on a thread of its own: extend its lease (a lapsed
 * one means other nodes may have dropped it: resync), read every lease and drop the nodes that died from the
 * replica (the lowest live node also deletes what they left in Redis), and publish its keep-alive on its
 * channels, reconnecting a subscription that stopped hearing it.
 */
final class LeaseKeeper {

    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    private final int self;
    private final Duration every;
    private final NodeLeases leases;
    private final PresenceReplica replica;
    private final PresenceWriter writer;
    private final PresenceScan scan;
    private final RedisClusterBus bus;
    private final ScheduledExecutorService ticker;
    private final AtomicBoolean reaping = new AtomicBoolean();
    private volatile boolean leaseOk = true;

    LeaseKeeper(int self, Duration every, NodeLeases leases, PresenceReplica replica, PresenceWriter writer,
            PresenceScan scan, RedisClusterBus bus) {
        this.self = self;
        this.every = every;
        this.leases = leases;
        this.replica = replica;
        this.writer = writer;
        this.scan = scan;
        this.bus = bus;
        this.ticker = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("appmsg-redis-lease-" + self).factory());
    }

    void start() {
        ticker.scheduleWithFixedDelay(this::tick, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the last tick reached Redis. */
    boolean leaseOk() {
        return leaseOk;
    }

    void stop() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(RedisLink.TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void tick() {
        try {
            boolean extended = leases.refresh(); // also while resyncing: a long scan must not let the lease lapse
            if (!extended && writer.healthy()) {
                log.warn("Redis presence: this node's lease had lapsed; other nodes may have dropped it: resyncing");
                writer.requestResync();
            }
            leaseOk = true;
            Set<Integer> gone = leases.poll();
            for (int node : gone) {
                log.info("Redis presence: node {} is gone (lease expired or goodbye)", node);
                replica.purge(node);
            }
            if (!gone.isEmpty() && leases.liveIds().stream().allMatch(id -> id >= self)) {
                reap();
            }
            bus.ping();
        } catch (StorageUnavailableException e) {
            leaseOk = false;
            writer.requestResync();
        } catch (RuntimeException e) {
            log.error("Redis presence: lease tick failed", e);
        }
        bus.kickQuiet(every.multipliedBy(3));
    }

    private void reap() {
        if (reaping.compareAndSet(false, true)) {
            Thread.ofVirtual().name("appmsg-redis-reaper").start(() -> {
                try {
                    scan.reap();
                } catch (RuntimeException e) {
                    log.warn("Redis presence: deleting dead nodes' presence failed: {}", e.getMessage());
                } finally {
                    reaping.set(false);
                }
            });
        }
    }
}

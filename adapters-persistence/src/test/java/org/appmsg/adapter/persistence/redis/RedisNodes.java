package org.appmsg.adapter.persistence.redis;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** Adapter nodes for one test, all on one Redis under one fresh key prefix; {@link #close} stops them. */
final class RedisNodes implements AutoCloseable {

    private final URI redis;
    private final String prefix = RedisTestServers.freshPrefix();
    private final List<RedisPresence> started = new ArrayList<>();
    private Duration leaseTtl = RedisPresence.Settings.DEFAULT_LEASE_TTL;
    private Duration leaseRefresh = RedisPresence.Settings.DEFAULT_LEASE_REFRESH;

    RedisNodes(URI redis) {
        this.redis = redis;
    }

    /** Short leases, so that a dead node is noticed within a test's patience. */
    RedisNodes withLeases(Duration ttl, Duration refresh) {
        this.leaseTtl = ttl;
        this.leaseRefresh = refresh;
        return this;
    }

    String prefix() {
        return prefix;
    }

    RedisPresence start(int nodeId) {
        return start(nodeId, new RedisPresence.BusListener() {});
    }

    RedisPresence start(int nodeId, RedisPresence.BusListener listener) {
        RedisPresence node = RedisPresence.start(settings(nodeId), listener);
        started.add(node);
        return node;
    }

    RedisPresence.Settings settings(int nodeId) {
        return new RedisPresence.Settings(redis, nodeId, addresses(nodeId)).withKeyPrefix(prefix)
                .withLeases(leaseTtl, leaseRefresh).withMaxBackoff(Duration.ofMillis(500));
    }

    static RedisPresence.Addresses addresses(int nodeId) {
        return new RedisPresence.Addresses("10.0.0." + nodeId + ":8090", "10.0.0." + nodeId + ":6968",
                "10.0.0." + nodeId + ":6969");
    }

    /** A link of the test's own to the same Redis, for looking at the keys. */
    RedisLink link() {
        return RedisLink.connect(redis, "appmsg-test");
    }

    @Override
    public void close() {
        started.forEach(RedisPresence::close);
        deleteKeys();
    }

    /** Removes whatever this test left on the shared server (never a flush: other tests use it too). */
    private void deleteKeys() {
        try (RedisLink link = link()) {
            for (var master : link.masters()) {
                try (var jedis = link.open(master)) {
                    String cursor = ScanParams.SCAN_POINTER_START;
                    do {
                        ScanResult<String> page = jedis.scan(cursor, new ScanParams().match(prefix + ":*").count(500));
                        page.getResult().forEach(jedis::del);
                        cursor = page.getCursor();
                    } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
                }
            }
        } catch (RuntimeException e) {
            // the server went away (a restart test): nothing to clean
        }
    }

    /** Retries {@code assertion} until it passes or {@code within} is over (then its last failure is thrown). */
    static void eventually(Duration within, Runnable assertion) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}

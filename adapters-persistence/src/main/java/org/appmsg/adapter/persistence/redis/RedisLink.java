package org.appmsg.adapter.persistence.redis;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.appmsg.application.port.out.StorageUnavailableException;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisClusterCRC16;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * The one Jedis client of a node, on a single Redis or a Redis Cluster (found out at start from
 * {@code INFO cluster}), and the one place where Jedis exceptions become {@link StorageUnavailableException}.
 *
 * <p>Commands go through a pool with short timeouts, so a caller waits at most about {@link #TIMEOUT} when Redis
 * is away. Subscriptions and scans use connections of their own, opened to the right server: on a cluster, the
 * master that serves a sharded channel's slot, and every master in turn for a scan.
 */
final class RedisLink implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final HostAndPort seed;
    private final JedisClientConfig config;
    private final boolean cluster;
    private final UnifiedJedis client;

    private RedisLink(HostAndPort seed, JedisClientConfig config, boolean cluster, UnifiedJedis client) {
        this.seed = seed;
        this.config = config;
        this.cluster = cluster;
        this.client = client;
    }

    /** Connects to {@code redis://[user:password@]host:port[/db]} ({@code rediss://} for TLS). */
    static RedisLink connect(URI uri, String clientName) {
        if (!JedisURIHelper.isValid(uri)) {
            throw new IllegalArgumentException("not a Redis URL (redis://host:port): " + redacted(uri));
        }
        HostAndPort seed = JedisURIHelper.getHostAndPort(uri);
        int timeout = (int) TIMEOUT.toMillis();
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeout).socketTimeoutMillis(timeout).clientName(clientName)
                .ssl(JedisURIHelper.isRedisSSLScheme(uri)).user(JedisURIHelper.getUser(uri))
                .password(JedisURIHelper.getPassword(uri));
        boolean cluster = translate("probe " + seed, () -> {
            try (Jedis probe = new Jedis(seed, config.build())) {
                return probe.info("cluster").contains("cluster_enabled:1");
            }
        });
        int db = JedisURIHelper.getDBIndex(uri);
        if (cluster && db != 0) {
            throw new IllegalArgumentException("a Redis Cluster has only database 0: " + redacted(uri));
        }
        JedisClientConfig clientConfig = config.database(db).build();
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(32);
        pool.setMaxWait(TIMEOUT);
        UnifiedJedis client = translate("connect " + seed, () -> cluster
                ? RedisClusterClient.builder().nodes(Set.of(seed)).clientConfig(clientConfig).poolConfig(pool)
                        .maxAttempts(3).maxTotalRetriesDuration(TIMEOUT).build()
                : RedisClient.builder().hostAndPort(seed).clientConfig(clientConfig).poolConfig(pool).build());
        return new RedisLink(seed, clientConfig, cluster, client);
    }

    boolean cluster() {
        return cluster;
    }

    /** Runs {@code command} on the pooled client. */
    <T> T call(String what, Function<UnifiedJedis, T> command) {
        return translate(what, () -> command.apply(client));
    }

    /** PUBLISH, or SPUBLISH on a cluster (sharded pub/sub: the message stays on the channel's shard). */
    void publish(byte[] channel, byte[] message) {
        translate("publish", () -> cluster ? ((RedisClusterClient) client).spublish(channel, message)
                : client.publish(channel, message));
    }

    /** A new connection to the server a subscription to {@code channel} must be made on. */
    Connection subscriptionConnection(byte[] channel) {
        return translate("subscribe", () -> {
            HostAndPort server = cluster ? masterOf(JedisClusterCRC16.getSlot(channel)) : seed;
            return new Connection(server, config);
        });
    }

    /** The servers that hold the data: the one server, or every master of the cluster. */
    List<HostAndPort> masters() {
        if (!cluster) {
            return List.of(seed);
        }
        return translate("cluster slots", () -> {
            Set<HostAndPort> masters = new LinkedHashSet<>();
            for (Object range : slots()) {
                masters.add(hostAndPort((List<?>) ((List<?>) range).get(2)));
            }
            return new ArrayList<>(masters);
        });
    }

    /** A connection of its own to {@code server}, for a scan; the caller closes it. */
    Jedis open(HostAndPort server) {
        return translate("connect " + server, () -> new Jedis(new Connection(server, config)));
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (JedisException e) {
            // closing a client whose server is gone: nothing left to release
        }
    }

    interface Call<T> {
        T run();
    }

    /** Jedis failures become {@link StorageUnavailableException}: the one translation of this adapter. */
    static <T> T translate(String what, Call<T> call) {
        try {
            return call.run();
        } catch (JedisException e) {
            throw new StorageUnavailableException("Redis: " + what + " failed: " + e.getMessage(), e);
        }
    }

    private HostAndPort masterOf(int slot) {
        for (Object range : slots()) {
            List<?> r = (List<?>) range;
            if ((Long) r.get(0) <= slot && slot <= (Long) r.get(1)) {
                return hostAndPort((List<?>) r.get(2));
            }
        }
        throw new StorageUnavailableException("Redis Cluster: no master serves slot " + slot, null);
    }

    private List<Object> slots() {
        try (Jedis any = new Jedis(anyNode(), config)) {
            return any.clusterSlots();
        }
    }

    /** A node the cluster client knows and that answers; the seed may be the one that is down. */
    private HostAndPort anyNode() {
        JedisException last = null;
        for (String node : ((RedisClusterClient) client).getClusterNodes().keySet()) {
            HostAndPort candidate = HostAndPort.from(node);
            try (Jedis probe = new Jedis(candidate, config)) {
                probe.ping();
                return candidate;
            } catch (JedisException e) {
                last = e;
            }
        }
        if (last != null) {
            throw last;
        }
        return seed;
    }

    private static HostAndPort hostAndPort(List<?> node) {
        return new HostAndPort(new String((byte[]) node.get(0), StandardCharsets.UTF_8), ((Long) node.get(1)).intValue());
    }

    static String redacted(URI uri) {
        return uri.toString().replaceAll("//[^@/]*@", "//***@");
    }
}

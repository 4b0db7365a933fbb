package org.appmsg.bootstrap.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of one node of a test cluster: its own loopback ports (picked all at once, so no two collide),
 * the shared database and Redis, a key prefix of the test's own and short leases.
 */
record ClusterNode(int id, int httpPort, int wsPort, int tcpPort, int adminPort, Map<String, String> settings) {

    /** A node {@code id} of a cluster on {@code databaseUrl} and {@code redisUrl} under {@code prefix}. */
    static ClusterNode of(int id, String databaseUrl, String redisUrl, String prefix, String adminKey,
            int leaseTtlSeconds) throws IOException {
        List<Integer> free = freePorts(4);
        Map<String, String> env = new HashMap<>();
        env.put("APPMSG_HTTP_HOST", "127.0.0.1");
        env.put("APPMSG_WS_HOST", "127.0.0.1");
        env.put("APPMSG_TCP_HOST", "127.0.0.1");
        env.put("APPMSG_HTTP_PORT", free.get(0).toString());
        env.put("APPMSG_WS_PORT", free.get(1).toString());
        env.put("APPMSG_TCP_PORT", free.get(2).toString());
        env.put("APPMSG_ADMIN_PORT", free.get(3).toString());
        env.put("APPMSG_DB_URL", databaseUrl);
        env.put("APPMSG_ADMIN_KEY", adminKey);
        env.put("APPMSG_NODE_ID", Integer.toString(id));
        env.put("APPMSG_REDIS_URL", redisUrl);
        env.put("APPMSG_REDIS_PREFIX", prefix);
        env.put("APPMSG_CLUSTER_LEASE_TTL", Integer.toString(leaseTtlSeconds));
        env.put("APPMSG_PASSWORD_ITERATIONS", "10000"); // tests sign many users in: keep that cheap
        return new ClusterNode(id, free.get(0), free.get(1), free.get(2), free.get(3), env);
    }

    /** The ports by listener name: http, ws, tcp, admin. */
    Map<String, Integer> ports() {
        return Map.of("http", httpPort, "ws", wsPort, "tcp", tcpPort, "admin", adminPort);
    }

    /**
     * Distinct free loopback ports: all held open at once while they are picked, since a port just released may be
     * handed out again by the next bind.
     */
    static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket();
                held.add(s);
                s.bind(new InetSocketAddress("127.0.0.1", 0));
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }
}

package org.appmsg.adapter.persistence.redis;

import org.appmsg.application.contract.PresenceRegistryContract;
import org.appmsg.application.port.out.PresenceRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The presence contract on a private 3-master Redis Cluster. */
class RedisClusterPresenceRegistryIT extends PresenceRegistryContract {

    private static RedisTestServers.Cluster cluster;
    private RedisNodes nodes;

    @BeforeAll
    static void startCluster() {
        cluster = RedisTestServers.cluster(3);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    protected PresenceRegistry presence() {
        nodes = new RedisNodes(cluster.uri());
        return nodes.start(1).presence();
    }

    @AfterEach
    void stopNodes() {
        if (nodes != null) {
            nodes.close();
        }
    }
}

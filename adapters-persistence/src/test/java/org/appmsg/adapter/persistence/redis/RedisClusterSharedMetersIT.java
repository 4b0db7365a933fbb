package org.appmsg.adapter.persistence.redis;

import org.appmsg.application.contract.SharedMetersContract;
import org.appmsg.application.port.out.SharedMeters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The shared quota meters on a private 3-master Redis Cluster: one customer's meters in one slot. */
class RedisClusterSharedMetersIT extends SharedMetersContract {

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
    protected SharedMeters meters() {
        nodes = new RedisNodes(cluster.uri());
        return nodes.start(1).sharedMeters();
    }

    @AfterEach
    void stopNodes() {
        if (nodes != null) {
            nodes.close();
        }
    }
}

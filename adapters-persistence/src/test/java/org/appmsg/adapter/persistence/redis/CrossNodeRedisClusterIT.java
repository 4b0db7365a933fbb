package org.appmsg.adapter.persistence.redis;

import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The cross-node contract on a private 3-master Redis Cluster. */
class CrossNodeRedisClusterIT extends CrossNodeContract {

    private static RedisTestServers.Cluster cluster;

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
    protected URI redis() {
        return cluster.uri();
    }
}

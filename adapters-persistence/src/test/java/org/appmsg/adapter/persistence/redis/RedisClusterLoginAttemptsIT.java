package org.appmsg.adapter.persistence.redis;

import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The login attempts on a private 3-master Redis Cluster: the keys spread over its slots. */
class RedisClusterLoginAttemptsIT extends RedisLoginAttemptsContract {

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

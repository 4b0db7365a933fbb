package org.appmsg.adapter.persistence.redis;

import java.net.URI;

/** The cross-node contract on the shared single Redis. */
class CrossNodeSingleRedisIT extends CrossNodeContract {
    @Override
    protected URI redis() {
        return RedisTestServers.shared();
    }
}

package org.appmsg.adapter.persistence.redis;

import org.appmsg.application.contract.PresenceRegistryContract;
import org.appmsg.application.port.out.PresenceRegistry;
import org.junit.jupiter.api.AfterEach;

/** The presence contract on the shared single Redis, one node under a fresh prefix per test. */
class RedisPresenceRegistryIT extends PresenceRegistryContract {

    private RedisNodes nodes;

    @Override
    protected PresenceRegistry presence() {
        nodes = new RedisNodes(RedisTestServers.shared());
        return nodes.start(1).presence();
    }

    @AfterEach
    void stopNodes() {
        if (nodes != null) {
            nodes.close();
        }
    }
}

package org.appmsg.adapter.http;

import java.util.Optional;
import org.appmsg.domain.session.SubscriptionKey;

/**
 * Which node a comet client should connect to, for {@code /1/server/get}. A single node answers with itself, as
 * the client reached it ({@link #THIS_NODE}); a cluster names a live node's public address. Must not block.
 */
@FunctionalInterface
public interface ServerDirectory {

    /** Always this node, at the host the client used and the listener's port. */
    ServerDirectory THIS_NODE = (key, tcp) -> Optional.empty();

    /**
     * The {@code host:port} the client of {@code key} should connect to over TCP ({@code tcp}) or the WebSocket;
     * empty = this node, addressed as the request reached it.
     */
    Optional<String> address(SubscriptionKey key, boolean tcp);
}

package org.appmsg.application.port.out;

import org.appmsg.domain.auth.UserToken;

/**
 * Closes the live comet connections that rest on a credential that was withdrawn, so they stop receiving at
 * once rather than at their next reconnect. A connection rests on the user token it subscribed with; one that
 * reaches its token's expiry closes by itself, wherever it is.
 *
 * <p>Node-local today (the gateway's own connections); a cluster fans each call out to every node, since any
 * node may hold connections of any token. Never blocks on a socket; calling it for a token without connections,
 * or twice, does nothing more.
 */
public interface ConnectionRevocation {

    /**
     * {@code token} was deleted (sign-out, a lost device): each connection subscribed with it is sent the status
     * {@code -a} and closed (WebSocket close 4002 "token revoked"); the user's other connections stay. A
     * connection still being admitted with it when this is called is refused the same way.
     */
    void tokenRevoked(UserToken token);
}

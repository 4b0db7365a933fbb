package org.appmsg.application.port.in;

import org.appmsg.domain.session.SubscriptionKey;

/** A comet connection closed (either side, or its heartbeat window passed). */
@FunctionalInterface
public interface CloseSessionUseCase {

    /** Ends the key's session when this was its last connection; a session-less key has nothing to end. */
    void close(SubscriptionKey key);
}

package org.appmsg.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.appmsg.application.port.in.CheckReadinessUseCase;

/**
 * Whether this node's comet listeners (WebSocket gateway, TCP comet) are open for clients. They open last at start,
 * once the HTTP API listens, and close first on drain; meanwhile the HTTP API must not send clients to them:
 * {@code /1/server/get} answers that no comet is available ({@link #port} gives 0), and {@code /ready} is 503.
 */
final class CometListeners {

    private volatile boolean open;

    /** Both listeners accept: clients may be sent to them. */
    void open() {
        open = true;
    }

    /** Draining: from now on no client is sent to them. */
    void close() {
        open = false;
    }

    boolean isOpen() {
        return open;
    }

    /** {@code listener}'s port while the listeners are open, else 0 (what the HTTP API reads as "none here"). */
    IntSupplier port(IntSupplier listener) {
        return () -> open ? listener.getAsInt() : 0;
    }

    /** {@code checks}, and not ready while the listeners are not open. */
    CheckReadinessUseCase readiness(CheckReadinessUseCase checks) {
        return () -> {
            List<String> problems = new ArrayList<>(checks.problems());
            if (!open) {
                problems.add("comet listeners (WebSocket, TCP) not open");
            }
            return problems;
        };
    }
}

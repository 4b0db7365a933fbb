package org.appmsg.adapter.ws;

import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.appmsg.domain.net.ConnectionsPerAddress;
import org.appmsg.domain.net.ConnectionsPerAddress.Admission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's per-client limits (docs/security.md), shared by both listeners: connections per client address,
 * checked when a socket is accepted (one more is closed before a byte of it is read, and the flood is logged once),
 * and the rate of frames a client may send (heartbeats, pings, pongs: a faster client is closed,
 * WebSocket close code {@link #TOO_MANY_FRAMES}). Thread-safe.
 */
final class ClientGuard {

    /** Close code of a WebSocket client that sent frames faster than allowed (after HTTP's 429). */
    static final int TOO_MANY_FRAMES = 4029;
    static final String TOO_MANY_FRAMES_REASON = "too many frames";

    private static final Logger log = LoggerFactory.getLogger(ClientGuard.class);

    private final ConnectionsPerAddress webSocket;
    private final ConnectionsPerAddress tcp;
    private final FrameRate frames;
    private final LongAdder floods = new LongAdder();

    ClientGuard(WebSocketAdapter.ClientLimits limits) {
        this.webSocket = new ConnectionsPerAddress(limits.maxWebSocketPerAddress(), limits.proxies());
        this.tcp = new ConnectionsPerAddress(limits.maxTcpPerAddress(), limits.proxies());
        this.frames = new FrameRate(limits.framesPerSecond(), limits.frameBurst());
    }

    Optional<ConnectionsPerAddress.Ticket> admitWebSocket(InetAddress peer) {
        return admit("WebSocket gateway", webSocket, peer);
    }

    Optional<ConnectionsPerAddress.Ticket> admitTcp(InetAddress peer) {
        return admit("TCP comet", tcp, peer);
    }

    FrameRate frames() {
        return frames;
    }

    /** A connection closed for sending too fast (a metric). */
    void flooded(Object connection) {
        floods.increment();
        log.debug("closing {}: {}", connection, TOO_MANY_FRAMES_REASON);
    }

    long webSocketRefused() {
        return webSocket.refusedTotal();
    }

    long tcpRefused() {
        return tcp.refusedTotal();
    }

    long floods() {
        return floods.sum();
    }

    private static Optional<ConnectionsPerAddress.Ticket> admit(String listener, ConnectionsPerAddress limit,
            InetAddress peer) {
        return switch (limit.admit(peer)) {
            case Admission.Admitted a -> Optional.of(a.ticket());
            case Admission.Refused r -> {
                if (r.first()) {
                    log.warn("{}: {} holds the most connections one address may; closing its new ones", listener,
                            r.address());
                }
                yield Optional.empty();
            }
        };
    }
}

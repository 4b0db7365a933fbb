package org.appmsg.adapter.ws;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.appmsg.application.port.in.ReplayMailboxUseCase;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.session.SubscriptionKey;
import org.java_websocket.framing.CloseFrame;

/**
 * One subscribed connection, WebSocket or TCP (its {@link Transport}): its read deadline, its outbound
 * allowance and its {@link ResumeGate}. No thread or timer of its own; the adapter's sweeper checks the
 * deadlines. Close codes are WebSocket ones; the TCP transport just closes.
 */
final class Connection implements ResumeGate.Sink {

    static final int SHUTTING_DOWN = CloseFrame.GOING_AWAY;
    static final int REFUSED = CloseFrame.POLICY_VALIDATION;
    static final int FAILED = CloseFrame.TRY_AGAIN_LATER;
    static final String RESYNC_REASON = "resync: outbound queue full";
    static final int RESYNC = 4000;
    static final int HEARTBEAT_MISSED = 4001;
    static final int LIFETIME_REACHED = 4003;

    private static final byte[] READY = "+h\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final long NOT_CLOSING = Long.MIN_VALUE;

    private final Transport transport;
    private final SubscriptionKey key;
    private final boolean newFormat;
    private final Optional<SessionId> session;
    private final WebSocketAdapter.Sessions sessions;
    private final int maxQueuedFrames;
    private final long heartbeatWindowNanos;
    private final ResumeGate gate;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean sessionLive = new AtomicBoolean();
    private volatile Runnable onSessionEnd = () -> { };
    private volatile boolean admitted;
    private volatile long readDeadline;
    private volatile long closingSince = NOT_CLOSING;
    private final long openedAt = System.nanoTime();
    private final long lifetimeNanos;

    Connection(Transport transport, SubscribeRequest request, WebSocketAdapter.Sessions sessions,
            WebSocketAdapter.Settings settings) {
        this.transport = transport;
        this.key = request.key(); // the token is not kept: it is needed only for the check at connect
        this.newFormat = request.newFormat();
        this.session = key.session();
        this.sessions = sessions;
        this.maxQueuedFrames = settings.maxQueuedFrames();
        this.heartbeatWindowNanos = TimeUnit.SECONDS.toNanos(request.heartbeatSeconds())
                + settings.heartbeatGrace().toNanos();
        this.gate = request.resumeAfter().isPresent()
                ? ResumeGate.resumingAfter(request.resumeAfter().getAsLong(), this)
                : ResumeGate.live(this);
        this.readDeadline = System.nanoTime() + heartbeatWindowNanos;
        this.lifetimeNanos = settings.maxLifetime().toNanos();
    }

    SubscriptionKey key() {
        return key;
    }

    Name mailbox() {
        return key.mailbox();
    }

    /** Session-less connections ({@code uid@user}) get the whole mailbox; session keys only what targets them. */
    boolean receives(Set<SessionId> targeted) {
        return session.isEmpty() || targeted.contains(session.get());
    }

    /**
     * Registers for live delivery and sends {@code +h}, both under the gate's lock so no frame precedes
     * the ready frame. False when the connection is already closing or its key is full.
     */
    boolean admit(int maxPerKey) {
        return gate.admit(() -> {
            if (!sessions.register(this, maxPerKey)) {
                return false;
            }
            admitted = true; // before +h: the client may answer it before this thread goes on
            transport.sendStatus(READY);
            return true;
        });
    }

    /** Replays the mailbox after the client's mid, if it gave one, then the gate goes live. Blocks. */
    void replay(ReplayMailboxUseCase replay, int pageSize) {
        boolean kept = gate.replay(after -> replay.replay(new ReplayMailboxUseCase.Query(mailbox(), after, pageSize)),
                pageSize);
        if (!kept) {
            close(RESYNC, RESYNC_REASON);
        }
    }

    /** A live frame from {@code deliver}; never blocks beyond the gate's short lock. */
    void offer(Frame frame) {
        if (!gate.offer(frame)) {
            close(RESYNC, RESYNC_REASON);
        }
    }

    /** The client's {@code h}: re-arms the read deadline and answers once admitted. */
    void heartbeat() {
        readDeadline = System.nanoTime() + heartbeatWindowNanos;
        if (!admitted) {
            return;
        }
        if (!hasRoom() || !transport.sendStatus(READY)) {
            close(RESYNC, RESYNC_REASON);
        }
    }

    @Override
    public boolean send(Frame frame) {
        return hasRoom() && transport.sendMessage(frame, newFormat);
    }

    /**
     * The token check admitted this connection and its session is now live in presence; {@code end} ends
     * it. Runs {@code end} at once when the connection closed meanwhile, so no session outlives its socket.
     */
    void sessionOpened(Runnable end) {
        onSessionEnd = end;
        sessionLive.set(true);
        if (closing.get()) {
            endSession();
        }
    }

    /** Stops frames, unregisters, and starts the close handshake with {@code code}. Idempotent. */
    void close(int code, String reason) {
        if (closing.compareAndSet(false, true)) {
            closingSince = System.nanoTime();
            gate.stop();
            sessions.unregister(this);
            endSession();
            transport.close(code, reason);
        }
    }

    /** The socket is gone (either side closed it). */
    void closed() {
        if (closing.compareAndSet(false, true)) {
            gate.stop();
            sessions.unregister(this);
            endSession();
        }
    }

    private void endSession() {
        if (sessionLive.compareAndSet(true, false)) {
            onSessionEnd.run();
        }
    }

    /** Sends a status frame ({@code -a}) and closes. */
    void refuse(byte[] status, String reason) {
        transport.sendStatus(status);
        close(REFUSED, reason);
    }

    /**
     * Called by the sweeper: closes a connection whose client went quiet, cuts one that does not finish
     * closing. True when the socket is gone and the sweeper may forget this connection.
     */
    boolean sweep(long now, long closeTimeoutNanos) {
        if (transport.isClosed()) {
            closed();
            return true;
        }
        long since = closingSince;
        if (since != NOT_CLOSING) {
            if (now - since > closeTimeoutNanos) {
                transport.cut(CloseFrame.ABNORMAL_CLOSE, "close timed out");
            }
        } else if (now - readDeadline > 0) {
            close(HEARTBEAT_MISSED, "heartbeat missed");
        } else if (lifetimeNanos > 0 && now - openedAt > lifetimeNanos) {
            close(LIFETIME_REACHED, "lifetime reached");
        }
        return false;
    }

    /** The socket is closed (the connection may not know yet; the sweeper tells it). */
    boolean isGone() {
        return transport.isClosed();
    }

    /** Cuts the socket without waiting for queued frames (shutdown after the grace period). */
    void abort() {
        closed();
        transport.cut(SHUTTING_DOWN, "server shutting down");
    }

    private boolean hasRoom() {
        return transport.queued() < maxQueuedFrames;
    }
}

package org.appmsg.adapter.ws;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.appmsg.domain.auth.UserToken;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.session.SubscriptionKey;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscribed connection, WebSocket or TCP (its {@link Transport}): its read deadline, its token's expiry,
 * its outbound allowance and its {@link MidSequencer}. No thread or timer of its own; the adapter's sweeper
 * checks the deadlines. Close codes are WebSocket ones; the TCP transport just closes.
 */
final class Connection implements MidSequencer.Sink {

    static final int SHUTTING_DOWN = CloseFrame.GOING_AWAY;
    static final int REFUSED = CloseFrame.POLICY_VALIDATION;
    static final int FAILED = CloseFrame.TRY_AGAIN_LATER;
    static final String RESYNC_REASON = "resync: outbound queue full";
    static final int RESYNC = 4000;
    static final int HEARTBEAT_MISSED = 4001;
    /** The token the connection subscribed with was revoked or expired (after the status {@code -a}). */
    static final int TOKEN_WITHDRAWN = 4002;
    static final int LIFETIME_REACHED = 4003;
    static final byte[] UNAUTHORIZED = "-a\r\n".getBytes(StandardCharsets.US_ASCII);

    /** What came of registering for live delivery. */
    enum Admission { ADMITTED, KEY_FULL, TOKEN_REVOKED, CLOSING }

    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    private static final byte[] READY = "+h\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final long NOT_CLOSING = Long.MIN_VALUE;
    private static final Duration ROOM_POLL = Duration.ofMillis(5);
    private static final long LONGEST_TOKEN_MILLIS = Duration.ofDays(365L * 100).toMillis();

    private final Transport transport;
    private final SubscriptionKey key;
    private final boolean newFormat;
    private final boolean resuming;
    private final Optional<SessionId> session;
    private final WebSocketAdapter.Sessions sessions;
    private final int maxQueuedFrames;
    private final long heartbeatWindowNanos;
    private final MidSequencer sequencer;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean sessionLive = new AtomicBoolean();
    private volatile Runnable onSessionEnd = () -> { };
    private volatile String token; // the digest of the token it subscribed with, once the check admitted it
    private volatile long tokenExpiresAt;
    private volatile boolean ready;
    private volatile long readDeadline;
    private volatile long closingSince = NOT_CLOSING;
    private volatile boolean patientClose;
    private final long openedAt = System.nanoTime();
    private final long lifetimeNanos;

    Connection(Transport transport, SubscribeRequest request, WebSocketAdapter.Sessions sessions,
            WebSocketAdapter.Settings settings, MidSequencer.Backfill backfill) {
        this.transport = transport;
        this.key = request.key(); // the token itself is not kept: only its digest, to find it when it is revoked
        this.newFormat = request.newFormat();
        this.session = key.session();
        this.sessions = sessions;
        this.maxQueuedFrames = settings.maxQueuedFrames();
        this.heartbeatWindowNanos = TimeUnit.SECONDS.toNanos(request.heartbeatSeconds())
                + settings.heartbeatGrace().toNanos();
        this.resuming = request.resumeAfter().isPresent();
        this.sequencer = resuming
                ? MidSequencer.resumingAfter(request.resumeAfter().getAsLong(), this, key.mailbox(), backfill,
                        maxQueuedFrames)
                : MidSequencer.fresh(this, key.mailbox(), backfill, maxQueuedFrames);
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

    /** Whether it subscribed with the token of this digest. */
    boolean restsOn(String tokenDigest) {
        return tokenDigest.equals(token);
    }

    String tokenDigest() {
        return token;
    }

    /**
     * Registers for live delivery, under the sequencer's lock so no frame precedes the ready frame, which a
     * resuming connection sends now (a new one once it knows where its stream starts, {@link #catchUp}). A
     * connection whose token was revoked meanwhile is sent {@code -a} and closed.
     */
    Admission admit(int maxPerKey) {
        Admission admission = sequencer.admit(() -> {
            Admission registered = sessions.register(this, maxPerKey);
            if (registered == Admission.ADMITTED && resuming) {
                ready();
            }
            return registered;
        }, Admission.CLOSING);
        if (admission == Admission.TOKEN_REVOKED) {
            withdraw("token revoked");
        }
        return admission;
    }

    /** Replays the mailbox after the client's mid, or finds where a new connection's stream starts. Blocks. */
    void catchUp() {
        if (!sequencer.catchUp(this::ready)) {
            resync();
        }
    }

    /** A live frame for this connection; never blocks beyond the sequencer's short lock. */
    void offer(Frame frame) {
        sequencer.offer(frame);
    }

    /** Reads the mailbox after the last mid it settled, for frames that may have been lost on the way; never blocks. */
    void recheck() {
        sequencer.recheck();
    }

    /** A stored mid of its mailbox that is not for this connection. */
    void skip(long mid) {
        sequencer.skip(mid);
    }

    /** The client's {@code h}: re-arms the read deadline and answers once ready. */
    void heartbeat() {
        readDeadline = System.nanoTime() + heartbeatWindowNanos;
        if (!ready) {
            return;
        }
        if (!hasRoom() || !transport.sendStatus(READY)) {
            resync();
        }
    }

    @Override
    public boolean send(Frame frame) {
        return hasRoom() && transport.sendMessage(frame, newFormat);
    }

    /**
     * Polls until half the outbound queue is free (or what is wanted, if less), for as long as an idle client
     * may stay silent: a read thread waits here, never a socket or deliver thread.
     */
    @Override
    public int awaitRoom(int wanted) {
        int enough = Math.max(1, Math.min(wanted, maxQueuedFrames / 2));
        long deadline = System.nanoTime() + heartbeatWindowNanos;
        while (!closing.get()) {
            int room = maxQueuedFrames - transport.queued();
            if (room >= enough) {
                return Math.min(room, wanted);
            }
            if (System.nanoTime() - deadline > 0) {
                return 0;
            }
            try {
                Thread.sleep(ROOM_POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the adapter is stopping
                return 0;
            }
        }
        return 0;
    }

    @Override
    public void fellBehind() {
        resync();
    }

    @Override
    public void readFailed(RuntimeException failure) {
        log.warn("reading the mailbox of {} for a gap failed", key, failure);
        close(FAILED, "try again later");
    }

    /**
     * The token check admitted this connection with {@code token} and its session is now live in presence;
     * {@code end} ends it. Runs {@code end} at once when the connection closed meanwhile, so no session outlives
     * its socket.
     */
    void sessionOpened(Runnable end, UserToken token) {
        long millis = Math.clamp(Duration.between(Instant.now(), token.expiresAt()).toMillis(), 0,
                LONGEST_TOKEN_MILLIS);
        tokenExpiresAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        this.token = token.digest();
        onSessionEnd = end;
        sessionLive.set(true);
        if (closing.get()) {
            endSession();
        }
    }

    /** Stops frames, unregisters, and starts the close handshake with {@code code} after what is queued. Idempotent. */
    void close(int code, String reason) {
        if (stop()) {
            transport.close(code, reason);
        }
    }

    /**
     * The token it rests on was revoked or expired: what is queued is dropped, the client gets {@code -a} and
     * the close (4002 with {@code reason} on the WebSocket).
     */
    void withdraw(String reason) {
        if (stop()) {
            transport.closeDiscarding(TOKEN_WITHDRAWN, reason, UNAUTHORIZED);
        }
    }

    /**
     * The client does not keep up: what is queued is dropped so the close (4000 "resync") is the next thing it
     * reads after what its socket already holds, and the close may take as long as the client's heartbeat window.
     */
    private void resync() {
        if (stop()) {
            patientClose = true;
            transport.closeDiscarding(RESYNC, RESYNC_REASON, null);
        }
    }

    /** True for the call that starts closing. */
    private boolean stop() {
        if (!closing.compareAndSet(false, true)) {
            return false;
        }
        closingSince = System.nanoTime();
        sequencer.stop();
        sessions.unregister(this);
        endSession();
        return true;
    }

    /** The socket is gone (either side closed it). */
    void closed() {
        if (closing.compareAndSet(false, true)) {
            sequencer.stop();
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
     * Called by the sweeper: closes a connection whose client went quiet, whose token expired or whose lifetime
     * is over, cuts one that does not finish closing (a resync close may take as long as the client's heartbeat
     * window). True when the socket is gone and the sweeper may forget this connection.
     */
    boolean sweep(long now, long closeTimeoutNanos) {
        if (transport.isClosed()) {
            closed();
            return true;
        }
        long since = closingSince;
        if (since != NOT_CLOSING) {
            long timeout = patientClose ? Math.max(closeTimeoutNanos, heartbeatWindowNanos) : closeTimeoutNanos;
            if (now - since > timeout) {
                transport.cut(CloseFrame.ABNORMAL_CLOSE, "close timed out");
            }
        } else if (now - readDeadline > 0) {
            close(HEARTBEAT_MISSED, "heartbeat missed");
        } else if (token != null && now - tokenExpiresAt >= 0) {
            withdraw("token expired");
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

    private void ready() {
        ready = true; // before +h: the client may answer it before this thread goes on
        transport.sendStatus(READY);
    }

    private boolean hasRoom() {
        return transport.queued() < maxQueuedFrames;
    }
}

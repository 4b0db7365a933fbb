package org.appmsg.adapter.ws;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.appmsg.application.port.in.CloseSessionUseCase;
import org.appmsg.application.port.in.OpenSessionUseCase;
import org.appmsg.application.port.in.ReadLastMidUseCase;
import org.appmsg.application.port.in.ReplayMailboxUseCase;
import org.appmsg.application.port.out.ConnectionRevocation;
import org.appmsg.application.port.out.LiveDelivery;
import org.appmsg.application.port.out.PresenceRegistry;
import org.appmsg.domain.auth.UserToken;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.net.TrustedProxies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The comet gateway over WebSocket ({@code ws://host:port/sub}, on Java-WebSocket) and, once
 * {@link #startTcp started}, over the legacy TCP protocol ({@code host:port}, Redis multi-bulk framing, on JDK
 * sockets). Bootstrap builds {@link Sessions} first, hands it to the services as their {@link LiveDelivery},
 * then builds this adapter. Both transports share the sessions, the token check, the mid order of each
 * connection ({@link MidSequencer}), the per-key limit, the outbound allowance, the sweeper and the client limits
 * ({@link ClientLimits}: connections per client address, checked at accept, and the rate of client frames).
 *
 * <p>TCP resume is an appmsg extension: a sixth command argument {@code mid} (after key, heartbeat, token
 * and version; legacy clients send at most five) replays the mailbox after that mid, as {@code mid=} does on
 * the WebSocket. Send empty token or version arguments ({@code $0}) to fill the slots before it.
 */
public final class WebSocketAdapter {

    private static final Logger log = LoggerFactory.getLogger(WebSocketAdapter.class);
    private static final String SHUTDOWN_REASON = "server shutting down";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    /**
     * How long a connection holds frames above a missing mid before it reads the mailbox for it. Frames of one
     * mailbox overtake each other by microseconds to a few milliseconds (concurrent pushes hand their entries
     * over in parallel); a mid that is still missing after this never got to this node (a push that failed
     * between its store and its hand-over, a lost cluster message). A read too early costs only a read.
     */
    static final Duration GAP_WAIT = Duration.ofMillis(200);

    /**
     * @param host                 interface to bind ({@code 0.0.0.0} for all)
     * @param port                 port to bind; 0 picks a free one (see {@link #port()})
     * @param minHeartbeatSeconds  smallest {@code heartbeat} a client may ask for (legacy: 30; the maximum is 3600)
     * @param heartbeatGrace       added to the heartbeat to form the read deadline (legacy: 5 s)
     * @param socketTimeout        longest a socket may take to finish its handshake, or to flush its close
     * @param sweepInterval        how often the one shared sweeper checks deadlines
     * @param maxQueuedFrames      frames a connection may have waiting for the socket before it is closed
     *                             with 4000 "resync: outbound queue full"
     * @param replayPageSize       mailbox entries fetched per replay round on resume
     * @param maxConnectionsPerKey connections on one subscription key (legacy maxsubscriber: 64); the next
     *                             one is closed with 1008 and no status frame
     * @param subscribeTimeout     longest a TCP client may take, from connecting, to send its whole command
     *                             (legacy: 5 s); the socket is then closed without a reply
     * @param maxLifetime          longest a connection may stay open (then closed with 4003 "lifetime
     *                             reached", and the client reconnects with its mid); zero = no limit
     */
    public record Settings(String host, int port, int minHeartbeatSeconds, Duration heartbeatGrace,
            Duration socketTimeout, Duration sweepInterval, int maxQueuedFrames, int replayPageSize,
            int maxConnectionsPerKey, Duration subscribeTimeout, Duration maxLifetime) {

        public Settings {
            Objects.requireNonNull(host, "host");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0-65535: " + port);
            }
            if (minHeartbeatSeconds < 1 || minHeartbeatSeconds > SubscribeRequest.MAX_HEARTBEAT_SECONDS) {
                throw new IllegalArgumentException("minHeartbeatSeconds must be 1-3600: " + minHeartbeatSeconds);
            }
            requirePositive("heartbeatGrace", heartbeatGrace);
            requirePositive("socketTimeout", socketTimeout);
            requirePositive("sweepInterval", sweepInterval);
            requirePositive("subscribeTimeout", subscribeTimeout);
            if (maxLifetime == null || maxLifetime.isNegative()) {
                throw new IllegalArgumentException("maxLifetime must be zero (no limit) or positive");
            }
            if (maxQueuedFrames < 1 || replayPageSize < 1 || maxConnectionsPerKey < 1) {
                throw new IllegalArgumentException("maxQueuedFrames, replayPageSize and maxConnectionsPerKey must be >= 1");
            }
        }

        /**
         * Heartbeat 30-3600 s plus 5 s grace, 5 s socket timeout, 1 s sweep, 1024 frames, pages of 256, 64 per
         * key, 5 s for the TCP command.
         */
        public static Settings defaults(String host, int port) {
            return new Settings(host, port, 30, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(1),
                    1024, 256, 64, Duration.ofSeconds(5), Duration.ofHours(24));
        }

        /** The same settings with another per-key connection limit and maximum connection lifetime. */
        public Settings withLimits(int maxConnectionsPerKey, Duration maxLifetime) {
            return new Settings(host, port, minHeartbeatSeconds, heartbeatGrace, socketTimeout, sweepInterval,
                    maxQueuedFrames, replayPageSize, maxConnectionsPerKey, subscribeTimeout, maxLifetime);
        }

        /** The same settings with another grace added to the client's heartbeat (the idle timeout's slack). */
        public Settings withHeartbeatGrace(Duration grace) {
            return new Settings(host, port, minHeartbeatSeconds, grace, socketTimeout, sweepInterval,
                    maxQueuedFrames, replayPageSize, maxConnectionsPerKey, subscribeTimeout, maxLifetime);
        }

        /** The same settings with another bound on the frames a connection may have waiting for its socket. */
        public Settings withMaxQueuedFrames(int frames) {
            return new Settings(host, port, minHeartbeatSeconds, heartbeatGrace, socketTimeout, sweepInterval,
                    frames, replayPageSize, maxConnectionsPerKey, subscribeTimeout, maxLifetime);
        }

        private static void requirePositive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
        }
    }

    /**
     * What one client may do (docs/security.md): {@code proxies} are not counted (their clients share their
     * address); any other address holds at most {@code maxWebSocketPerAddress} WebSocket and
     * {@code maxTcpPerAddress} TCP connections (one more is closed as it is accepted); a connection may send
     * {@code frameBurst} frames at once and {@code framesPerSecond} on average (else it is closed, WebSocket 4029).
     */
    public record ClientLimits(TrustedProxies proxies, int maxWebSocketPerAddress, int maxTcpPerAddress,
            int framesPerSecond, int frameBurst) {

        /** No proxy, 1,000 connections per address on each listener, 20 frames at once, 2 per second. */
        public static final ClientLimits DEFAULTS = new ClientLimits(TrustedProxies.NONE, 1000, 1000, 2, 20);

        public ClientLimits {
            Objects.requireNonNull(proxies, "proxies");
            if (maxWebSocketPerAddress < 1 || maxTcpPerAddress < 1 || framesPerSecond < 1 || frameBurst < 1) {
                throw new IllegalArgumentException("every client limit must be at least 1");
            }
        }
    }

    private final Settings settings;
    private final ClientGuard guard;
    private final ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("appmsg-ws-sweeper").daemon().factory());
    private final PushSocketServer server;
    private final TcpCometServer tcp;
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();

    /** With the {@link ClientLimits#DEFAULTS default client limits}. */
    public WebSocketAdapter(Settings settings, Sessions sessions, OpenSessionUseCase openSession,
            CloseSessionUseCase closeSession, ReplayMailboxUseCase replay, ReadLastMidUseCase lastMid) {
        this(settings, ClientLimits.DEFAULTS, sessions, openSession, closeSession, replay, lastMid);
    }

    public WebSocketAdapter(Settings settings, ClientLimits limits, Sessions sessions, OpenSessionUseCase openSession,
            CloseSessionUseCase closeSession, ReplayMailboxUseCase replay, ReadLastMidUseCase lastMid) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.guard = new ClientGuard(Objects.requireNonNull(limits, "limits"));
        Objects.requireNonNull(sessions, "sessions");
        MailboxBackfill backfill = new MailboxBackfill(Objects.requireNonNull(replay, "replay"),
                Objects.requireNonNull(lastMid, "lastMid"), settings.replayPageSize(), GAP_WAIT, sweeper, blocking);
        Subscriber subscriber = new Subscriber(settings, Objects.requireNonNull(openSession, "openSession"),
                Objects.requireNonNull(closeSession, "closeSession"), backfill, blocking);
        this.server = new PushSocketServer(settings, sessions, subscriber, guard);
        this.tcp = new TcpCometServer(settings, sessions, subscriber, blocking, guard);
    }

    /** WebSocket connections closed at accept since the start: their address held its limit already. */
    public long webSocketConnectionsRefused() {
        return guard.webSocketRefused();
    }

    /** TCP connections closed at accept since the start: their address held its limit already. */
    public long tcpConnectionsRefused() {
        return guard.tcpRefused();
    }

    /** Connections (WebSocket and TCP) closed since the start for sending frames too fast. */
    public long frameLimitCloses() {
        return guard.floods();
    }

    /** Binds and returns once the server listens; throws {@link IllegalStateException} when it cannot. */
    public void start() {
        server.start();
        try {
            server.started().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            stop(Duration.ofMillis(1));
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot listen on " + settings.host() + ":" + settings.port(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(Duration.ofMillis(1));
            throw new IllegalStateException("interrupted while starting", e);
        }
        startSweeper();
    }

    /**
     * Starts the legacy TCP listener on {@code host:port} (0 picks a free port, see {@link #tcpPort()}) and
     * returns once it listens; independent of {@link #start()}. Throws {@link IllegalStateException} when it
     * cannot bind, when it is already started, or after {@link #stop}.
     */
    public void startTcp(String host, int port) {
        if (stopped.get()) {
            throw new IllegalStateException("the adapter is stopped");
        }
        tcp.start(Objects.requireNonNull(host, "host"), port);
        startSweeper();
    }

    /** The bound TCP port (the real one when 0 was asked for); {@link IllegalStateException} before {@link #startTcp}. */
    public int tcpPort() {
        return tcp.port();
    }

    /**
     * Presence for a single node (embedded mode): live sessions of this node's connections, in memory.
     * Bootstrap passes the same instance to the services that open, close, target and list sessions.
     */
    public static PresenceRegistry localPresence() {
        return new LocalPresence();
    }

    /** The bound port (the real one when {@link Settings#port()} was 0). */
    public int port() {
        return server.getPort();
    }

    /**
     * Stops accepting on both listeners, closes every WebSocket connection with 1001 "server shutting down"
     * and every TCP connection after what is queued for it, waits up to {@code grace} for those closes, then
     * cuts what is left.
     */
    public void stop(Duration grace) {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + grace.toNanos();
        tcp.closeAll();
        server.closeAll(Connection.SHUTTING_DOWN, SHUTDOWN_REASON);
        try {
            server.stop((int) Math.clamp(grace.toMillis(), 1, Integer.MAX_VALUE), SHUTDOWN_REASON);
            tcp.awaitClosed(deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.abortAll();
        tcp.abortAll();
        sweeper.shutdownNow();
        blocking.shutdownNow();
    }

    private void startSweeper() {
        if (sweeping.compareAndSet(false, true)) {
            long interval = settings.sweepInterval().toNanos();
            sweeper.scheduleWithFixedDelay(this::sweep, interval, interval, TimeUnit.NANOSECONDS);
        }
    }

    private void sweep() {
        sweep(server::sweep);
        sweep(tcp::sweep);
    }

    private static void sweep(Runnable pass) {
        try {
            pass.run();
        } catch (RuntimeException e) {
            log.error("sweep failed", e); // keep the schedule alive: it is every connection's timer
        }
    }

    /**
     * The live connections of this node by mailbox: {@link LiveDelivery} and {@link ConnectionRevocation} for the
     * services. Thread-safe; {@link #deliver} never waits for a socket.
     *
     * <p>Each entry goes to every connection of its mailbox: as a frame to those it targets, as a mid to skip to
     * the others, so each connection's {@link MidSequencer} knows every stored mid and sends its frames in strict
     * mid order. Copies of one message share their encoding.
     */
    public static final class Sessions implements LiveDelivery, ConnectionRevocation {

        /**
         * Told of every session-less connection ({@code uid@user}) that registers and unregisters here, so a cluster
         * can route a mailbox's entries to the nodes that hold one (connections of a session are known to presence
         * already). Called on the connection's thread; must not block.
         */
        public interface SessionlessConnections {
            SessionlessConnections NONE = new SessionlessConnections() {
                @Override
                public void opened(Name mailbox) {}

                @Override
                public void closed(Name mailbox) {}
            };

            void opened(Name mailbox);

            void closed(Name mailbox);
        }

        private final ConcurrentHashMap<Name, Connection[]> byMailbox = new ConcurrentHashMap<>();
        private final AtomicInteger count = new AtomicInteger();
        private final RevokedTokens revoked = new RevokedTokens();
        private final SessionlessConnections sessionless;

        /** For a single node: nobody needs to know of session-less connections. */
        public Sessions() {
            this(SessionlessConnections.NONE);
        }

        public Sessions(SessionlessConnections sessionless) {
            this.sessionless = Objects.requireNonNull(sessionless, "sessionless");
        }

        /**
         * Every connection of this node reads its mailbox after the last mid it settled, in the background, and sends
         * what it missed in order: for when live entries may have been lost on their way here (the cluster bus was
         * away). Never blocks.
         */
        public void recheckAll() {
            for (Connection[] connections : byMailbox.values()) {
                for (Connection connection : connections) {
                    connection.recheck();
                }
            }
        }

        @Override
        public void deliver(List<Live> messages) {
            Frame.Body body = null;
            for (Live live : messages) {
                Connection[] targets = byMailbox.get(live.entry().mailbox());
                if (targets == null) {
                    continue;
                }
                if (body == null || !body.encodes(live.entry().json())) {
                    body = new Frame.Body(live.entry().json()); // the copies of one message share it
                }
                Frame frame = new Frame(live.entry(), live.activeSessions(), body);
                for (Connection target : targets) {
                    if (target.receives(live.sessions())) {
                        target.offer(frame);
                    } else {
                        target.skip(frame.mid());
                    }
                }
            }
        }

        @Override
        public void tokenRevoked(UserToken token) {
            revoked.add(token.digest()); // first: a connection that registers from now on finds it there
            Connection[] targets = byMailbox.get(Name.of(token.user()));
            if (targets == null) {
                return;
            }
            for (Connection target : targets) {
                if (target.restsOn(token.digest())) {
                    target.withdraw("token revoked");
                }
            }
        }

        /** Connections registered for live delivery on this node. */
        public int connectionCount() {
            return count.get();
        }

        Connection.Admission register(Connection connection, int maxPerKey) {
            boolean[] added = {false};
            byMailbox.compute(connection.mailbox(), (mailbox, current) -> {
                Connection[] now = current == null ? new Connection[0] : current;
                long sameKey = Arrays.stream(now).filter(c -> c.key().equals(connection.key())).count();
                if (sameKey >= maxPerKey) {
                    return current;
                }
                Connection[] grown = Arrays.copyOf(now, now.length + 1);
                grown[now.length] = connection;
                added[0] = true;
                return grown;
            });
            if (!added[0]) {
                return Connection.Admission.KEY_FULL;
            }
            count.incrementAndGet();
            if (connection.key().session().isEmpty()) {
                sessionless.opened(connection.mailbox());
            }
            String token = connection.tokenDigest();
            if (token != null && revoked.contains(token)) { // revoked between its check and now: tokenRevoked missed it
                unregister(connection);
                return Connection.Admission.TOKEN_REVOKED;
            }
            return Connection.Admission.ADMITTED;
        }

        void unregister(Connection connection) {
            boolean[] removed = {false};
            byMailbox.computeIfPresent(connection.mailbox(), (mailbox, current) -> {
                if (Arrays.stream(current).noneMatch(c -> c == connection)) {
                    return current;
                }
                removed[0] = true;
                Connection[] rest = Arrays.stream(current).filter(c -> c != connection).toArray(Connection[]::new);
                return rest.length == 0 ? null : rest;
            });
            if (removed[0]) {
                count.decrementAndGet();
                if (connection.key().session().isEmpty()) {
                    sessionless.closed(connection.mailbox());
                }
            }
        }
    }
}

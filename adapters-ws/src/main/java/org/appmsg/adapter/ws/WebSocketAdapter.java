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
import org.appmsg.application.port.in.ReplayMailboxUseCase;
import org.appmsg.application.port.out.LiveDelivery;
import org.appmsg.application.port.out.PresenceRegistry;
import org.appmsg.domain.name.Name;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The comet gateway over WebSocket ({@code ws://host:port/sub}), on Java-WebSocket. Bootstrap builds
 * {@link Sessions} first, hands it to the services as their {@link LiveDelivery}, then builds this adapter.
 */
public final class WebSocketAdapter {

    private static final Logger log = LoggerFactory.getLogger(WebSocketAdapter.class);
    private static final String SHUTDOWN_REASON = "server shutting down";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

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
     */
    public record Settings(String host, int port, int minHeartbeatSeconds, Duration heartbeatGrace,
            Duration socketTimeout, Duration sweepInterval, int maxQueuedFrames, int replayPageSize,
            int maxConnectionsPerKey) {

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
            if (maxQueuedFrames < 1 || replayPageSize < 1 || maxConnectionsPerKey < 1) {
                throw new IllegalArgumentException("maxQueuedFrames, replayPageSize and maxConnectionsPerKey must be >= 1");
            }
        }

        /** Heartbeat 30-3600 s plus 5 s grace, 10 s socket timeout, 1 s sweep, 1024 frames, pages of 256, 64 per key. */
        public static Settings defaults(String host, int port) {
            return new Settings(host, port, 30, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(1),
                    1024, 256, 64);
        }

        private static void requirePositive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
        }
    }

    private final Settings settings;
    private final ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("appmsg-ws-sweeper").daemon().factory());
    private final PushSocketServer server;
    private final AtomicBoolean stopped = new AtomicBoolean();

    public WebSocketAdapter(Settings settings, Sessions sessions, OpenSessionUseCase openSession,
            CloseSessionUseCase closeSession, ReplayMailboxUseCase replay) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.server = new PushSocketServer(settings, Objects.requireNonNull(sessions, "sessions"),
                Objects.requireNonNull(openSession, "openSession"), Objects.requireNonNull(closeSession, "closeSession"),
                Objects.requireNonNull(replay, "replay"), blocking);
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
        long interval = settings.sweepInterval().toNanos();
        sweeper.scheduleWithFixedDelay(this::sweep, interval, interval, TimeUnit.NANOSECONDS);
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
     * Stops accepting, closes every connection with 1001 "server shutting down", waits up to
     * {@code grace} for the close handshakes, then cuts what is left.
     */
    public void stop(Duration grace) {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        server.closeAll(Connection.SHUTTING_DOWN, SHUTDOWN_REASON);
        try {
            server.stop((int) Math.clamp(grace.toMillis(), 1, Integer.MAX_VALUE), SHUTDOWN_REASON);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.abortAll();
        sweeper.shutdownNow();
        blocking.shutdownNow();
    }

    private void sweep() {
        try {
            server.sweep();
        } catch (RuntimeException e) {
            log.error("websocket sweep failed", e); // keep the schedule alive: it is every connection's timer
        }
    }

    /**
     * The live connections of this node by mailbox: {@link LiveDelivery} for the services. Thread-safe;
     * {@link #deliver} never waits for a socket.
     */
    public static final class Sessions implements LiveDelivery {

        private final ConcurrentHashMap<Name, Connection[]> byMailbox = new ConcurrentHashMap<>();
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public void deliver(List<Live> messages) {
            for (Live live : messages) {
                Connection[] targets = byMailbox.get(live.entry().mailbox());
                if (targets == null) {
                    continue;
                }
                Frame frame = new Frame(live.entry().withActiveSessions(live.activeSessions()));
                for (Connection target : targets) {
                    if (target.receives(live.sessions())) {
                        target.offer(frame);
                    }
                }
            }
        }

        /** Connections registered for live delivery on this node. */
        public int connectionCount() {
            return count.get();
        }

        boolean register(Connection connection, int maxPerKey) {
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
            if (added[0]) {
                count.incrementAndGet();
            }
            return added[0];
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
            }
        }
    }
}

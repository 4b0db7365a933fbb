package org.appmsg.adapter.ws;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.appmsg.adapter.ws.SubscribeRequest.Parsed;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.ReadyState;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java-WebSocket server behind {@code /sub}. Its callbacks run on the library's selector and decoder
 * threads and never block: token checks and replays go to the adapter's virtual-thread executor
 * ({@link Subscriber}).
 */
final class PushSocketServer extends WebSocketServer {

    private static final Logger log = LoggerFactory.getLogger(PushSocketServer.class);
    private static final int MAX_CLIENT_FRAME_BYTES = 1024;

    private final WebSocketAdapter.Settings settings;
    private final WebSocketAdapter.Sessions sessions;
    private final Subscriber subscriber;
    private final ClientGuard guard;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Map<WebSocketImpl, Long> handshaking = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> started = new CompletableFuture<>();

    PushSocketServer(WebSocketAdapter.Settings settings, WebSocketAdapter.Sessions sessions,
            Subscriber subscriber, ClientGuard guard) {
        super(new InetSocketAddress(settings.host(), settings.port()), Runtime.getRuntime().availableProcessors(),
                List.of(new Draft_6455(List.of(), MAX_CLIENT_FRAME_BYTES)));
        this.settings = settings;
        this.sessions = sessions;
        this.subscriber = subscriber;
        this.guard = guard;
        setConnectionLostTimeout(0); // liveness is the legacy heartbeat, checked by the adapter's sweeper
        setReuseAddr(true);
        setTcpNoDelay(true); // frames go out as written (the TCP gateway does the same): the library leaves Nagle on
        setWebSocketFactory(new TrackingFactory());
    }

    CompletableFuture<Void> started() {
        return started;
    }

    @Override
    public void onStart() {
        started.complete(null);
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket socket, Draft draft,
            ClientHandshake request) throws InvalidDataException {
        if (!SubscribeRequest.PATH.equals(SubscribeRequest.path(request.getResourceDescriptor()))) {
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "unknown path");
        }
        return super.onWebsocketHandshakeReceivedAsServer(socket, draft, request);
    }

    @Override
    public void onOpen(WebSocket socket, ClientHandshake handshake) {
        handshaking.remove(socket);
        switch (SubscribeRequest.parse(handshake.getResourceDescriptor(), settings.minHeartbeatSeconds())) {
            case Parsed.BadParams bad -> refuse(socket, "-p\r\n", "bad parameters");
            case Parsed.NoToken none -> refuse(socket, "-a\r\n", "unauthorized");
            case Parsed.Valid valid -> accept((WebSocketImpl) socket, valid.request());
        }
    }

    @Override
    public void onMessage(WebSocket socket, String message) {
        Connection connection = socket.getAttachment();
        if (!withinRate(socket, connection)) {
            return;
        }
        if (connection != null && "h".equals(message)) {
            connection.heartbeat();
        } else {
            close(socket, connection, "unexpected message");
        }
    }

    @Override
    public void onMessage(WebSocket socket, ByteBuffer message) {
        close(socket, socket.getAttachment(), "unexpected message");
    }

    @Override
    public void onWebsocketPing(WebSocket socket, Framedata ping) {
        if (withinRate(socket, socket.getAttachment())) {
            super.onWebsocketPing(socket, ping); // the pong
        }
    }

    @Override
    public void onWebsocketPong(WebSocket socket, Framedata pong) {
        withinRate(socket, socket.getAttachment());
    }

    /** Counts a client frame; closes the connection (4029) and answers false when it comes too fast. */
    private boolean withinRate(WebSocket socket, Connection connection) {
        if (!(socket instanceof ClientSocket client) || client.frame(guard.frames())) {
            return true;
        }
        guard.flooded(socket);
        if (connection != null) {
            connection.close(ClientGuard.TOO_MANY_FRAMES, ClientGuard.TOO_MANY_FRAMES_REASON);
        } else {
            socket.close(ClientGuard.TOO_MANY_FRAMES, ClientGuard.TOO_MANY_FRAMES_REASON);
        }
        return false;
    }

    /** Every socket's close passes here, handshake finished or not: its address gets its place back. */
    @Override
    protected boolean removeConnection(WebSocket socket) {
        if (socket instanceof ClientSocket client) {
            client.release();
        }
        return super.removeConnection(socket);
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason, boolean remote) {
        Connection connection = socket.getAttachment();
        if (connection != null) {
            connection.closed();
            connections.remove(connection);
        }
    }

    @Override
    public void onError(WebSocket socket, Exception e) {
        if (socket == null && started.completeExceptionally(e)) {
            return;
        }
        log.debug("websocket error on {}", socket, e);
    }

    /** One pass of the shared sweeper: read deadlines, stuck closes and stalled handshakes. */
    void sweep() {
        long now = System.nanoTime();
        long timeout = settings.socketTimeout().toNanos();
        connections.removeIf(connection -> connection.sweep(now, timeout));
        handshaking.entrySet().removeIf(pending -> {
            WebSocketImpl socket = pending.getKey();
            if (socket.getReadyState() != ReadyState.NOT_YET_CONNECTED) {
                return true;
            }
            if (now - pending.getValue() > timeout) {
                socket.closeConnection(CloseFrame.NEVER_CONNECTED, "handshake timed out");
                return true;
            }
            return false;
        });
    }

    /** Starts the close handshake of every connection and drops sockets that never finished theirs. */
    void closeAll(int code, String reason) {
        connections.forEach(connection -> connection.close(code, reason));
        handshaking.keySet().forEach(socket -> socket.closeConnection(CloseFrame.NEVER_CONNECTED, reason));
        handshaking.clear();
    }

    /** Cuts every connection still open. */
    void abortAll() {
        connections.forEach(Connection::abort);
        connections.clear();
    }

    private void accept(WebSocketImpl socket, SubscribeRequest request) {
        Connection connection = new Connection(new WebSocketTransport(socket, this), request, sessions, settings,
                subscriber.backfill());
        socket.setAttachment(connection);
        connections.add(connection);
        subscriber.subscribe(connection, request);
    }

    private static void refuse(WebSocket socket, String status, String reason) {
        socket.send(status);
        socket.close(Connection.REFUSED, reason);
    }

    private static void close(WebSocket socket, Connection connection, String reason) {
        if (connection != null) {
            connection.close(Connection.REFUSED, reason);
        } else {
            socket.close(Connection.REFUSED, reason);
        }
    }

    /**
     * Makes the sockets (as the library's default factory does) and remembers each until its handshake completes,
     * so the sweeper can drop silent ones; wraps each socket for gathering writes ({@link GatheringChannel}: one
     * system call for a burst of queued frames).
     */
    private final class TrackingFactory implements WebSocketServerFactory {
        @Override
        public WebSocketImpl createWebSocket(org.java_websocket.WebSocketAdapter adapter, Draft draft) {
            return track(new ClientSocket(adapter, draft));
        }

        @Override
        public WebSocketImpl createWebSocket(org.java_websocket.WebSocketAdapter adapter, List<Draft> drafts) {
            return track(new ClientSocket(adapter, drafts));
        }

        /**
         * Called right after accept with the socket's channel: a client address that holds its limit already is
         * refused here, before a byte is read (the library then closes the channel).
         */
        @Override
        public ByteChannel wrapChannel(SocketChannel channel, SelectionKey key) throws IOException {
            ClientSocket socket = (ClientSocket) key.attachment();
            var ticket = guard.admitWebSocket(((InetSocketAddress) channel.getRemoteAddress()).getAddress());
            if (ticket.isEmpty()) {
                handshaking.remove(socket);
                throw new IOException("too many connections from this address");
            }
            socket.admitted(ticket.get());
            return new GatheringChannel(channel, key);
        }

        @Override
        public void close() {
            // nothing of its own to release
        }

        private WebSocketImpl track(WebSocketImpl socket) {
            handshaking.put(socket, System.nanoTime());
            return socket;
        }
    }
}

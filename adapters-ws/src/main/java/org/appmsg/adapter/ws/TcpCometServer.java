package org.appmsg.adapter.ws;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.appmsg.adapter.ws.SubscribeRequest.Parsed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The legacy TCP comet listener ({@link TcpCommand}, spec 10.3) on blocking JDK sockets with virtual
 * threads: per connection one reader (the command, then heartbeats) and, once subscribed, one writer
 * ({@link TcpTransport#drain}). Virtual threads park on socket I/O instead of holding a carrier, so this
 * costs about what a selector would, keeps each side a straight loop, and lets the reader hand the
 * blocking use cases to {@link Subscriber} without a selector to protect. Deadlines are not socket
 * timeouts (a client trickling bytes would re-arm those): the adapter's sweeper closes sockets whose
 * command is late and, through {@link Connection#sweep}, those whose heartbeat is.
 */
final class TcpCometServer {

    private static final Logger log = LoggerFactory.getLogger(TcpCometServer.class);
    private static final byte[] BAD_PARAMS = "-p\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UNAUTHORIZED = "-a\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int BACKLOG = 1024;
    private static final int READ_BUFFER = 128;

    private final WebSocketAdapter.Settings settings;
    private final WebSocketAdapter.Sessions sessions;
    private final Subscriber subscriber;
    private final ExecutorService blocking;
    private final ClientGuard guard;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Map<Socket, Long> awaitingCommand = new ConcurrentHashMap<>();
    private volatile ServerSocket listener;

    TcpCometServer(WebSocketAdapter.Settings settings, WebSocketAdapter.Sessions sessions, Subscriber subscriber,
            ExecutorService blocking, ClientGuard guard) {
        this.settings = settings;
        this.sessions = sessions;
        this.subscriber = subscriber;
        this.blocking = blocking;
        this.guard = guard;
    }

    /** Binds, then accepts on a virtual thread. */
    synchronized void start(String host, int port) {
        if (listener != null) {
            throw new IllegalStateException("the TCP listener is already started");
        }
        ServerSocket bound;
        try {
            bound = new ServerSocket();
            bound.setReuseAddress(true);
            bound.bind(new InetSocketAddress(host, port), BACKLOG);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port, e);
        }
        listener = bound;
        try {
            blocking.execute(() -> accept(bound));
        } catch (RejectedExecutionException e) {
            closeQuietly(bound);
            throw new IllegalStateException("the adapter is stopped", e);
        }
    }

    int port() {
        ServerSocket bound = listener;
        if (bound == null) {
            throw new IllegalStateException("the TCP listener is not started");
        }
        return bound.getLocalPort();
    }

    /** One pass of the shared sweeper: late commands, then each connection's deadlines. */
    void sweep() {
        long now = System.nanoTime();
        long commandTimeout = settings.subscribeTimeout().toNanos();
        awaitingCommand.forEach((socket, since) -> {
            if (now - since > commandTimeout && awaitingCommand.remove(socket, since)) {
                closeQuietly(socket);
            }
        });
        long closeTimeout = settings.socketTimeout().toNanos();
        connections.removeIf(connection -> connection.sweep(now, closeTimeout));
    }

    /** Stops accepting, drops sockets still owing their command, and starts closing every connection. */
    void closeAll() {
        ServerSocket bound = listener;
        if (bound != null) {
            closeQuietly(bound);
        }
        awaitingCommand.keySet().forEach(TcpCometServer::closeQuietly);
        awaitingCommand.clear();
        connections.forEach(connection -> connection.close(Connection.SHUTTING_DOWN, "server shutting down"));
    }

    /** Waits until every connection's socket is closed or {@code deadlineNanos} ({@link System#nanoTime}) passes. */
    void awaitClosed(long deadlineNanos) throws InterruptedException {
        while (connections.stream().anyMatch(connection -> !connection.isGone()) && System.nanoTime() < deadlineNanos) {
            Thread.sleep(10);
        }
    }

    /** Cuts every connection still open. */
    void abortAll() {
        connections.forEach(Connection::abort);
        connections.clear();
    }

    private void accept(ServerSocket bound) {
        while (!bound.isClosed()) {
            Socket socket;
            try {
                socket = bound.accept();
            } catch (IOException e) {
                if (!bound.isClosed()) {
                    log.warn("accepting a TCP connection failed", e);
                    pause();
                }
                continue;
            }
            var ticket = guard.admitTcp(socket.getInetAddress());
            if (ticket.isEmpty()) { // the address holds its limit: closed before a byte is read
                closeQuietly(socket);
                continue;
            }
            awaitingCommand.put(socket, System.nanoTime());
            try {
                blocking.execute(() -> {
                    try {
                        serve(socket);
                    } finally { // the reader ends with the connection (the writer only flushes what is queued)
                        ticket.get().release();
                    }
                });
            } catch (RejectedExecutionException e) {
                ticket.get().release();
                awaitingCommand.remove(socket);
                closeQuietly(socket);
                return;
            }
        }
    }

    /** The reader: the command within the subscribe deadline (else the sweeper closes the socket). */
    private void serve(Socket socket) {
        Parsed parsed;
        InputStream in;
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            in = new BufferedInputStream(socket.getInputStream(), READ_BUFFER);
            parsed = TcpCommand.parse(TcpCommand.read(in), settings.minHeartbeatSeconds());
        } catch (IOException e) {
            awaitingCommand.remove(socket);
            closeQuietly(socket); // malformed, cut short or timed out: no reply
            return;
        }
        if (awaitingCommand.remove(socket) == null) {
            return; // the deadline passed meanwhile (or shutdown): the socket is closed already
        }
        switch (parsed) {
            case Parsed.BadParams bad -> refuse(socket, BAD_PARAMS);
            case Parsed.NoToken none -> refuse(socket, UNAUTHORIZED);
            case Parsed.Valid valid -> subscribe(socket, in, valid.request());
        }
    }

    private void subscribe(Socket socket, InputStream in, SubscribeRequest request) {
        TcpTransport transport = new TcpTransport(socket, settings.maxQueuedFrames());
        Connection connection = new Connection(transport, request, sessions, settings, subscriber.backfill());
        connections.add(connection);
        try {
            blocking.execute(transport::drain);
        } catch (RejectedExecutionException e) {
            connection.abort();
            return;
        }
        subscriber.subscribe(connection, request);
        try {
            int b = in.read();
            long frames = FrameRate.FRESH;
            while (b == 'h') {
                frames = guard.frames().next(frames, System.nanoTime());
                if (frames == FrameRate.REFUSED) {
                    guard.flooded(connection);
                    connection.close(ClientGuard.TOO_MANY_FRAMES, ClientGuard.TOO_MANY_FRAMES_REASON);
                    return;
                }
                connection.heartbeat();
                b = in.read();
            }
            if (b >= 0) {
                connection.close(Connection.REFUSED, "unexpected message");
                return;
            }
        } catch (IOException e) {
            // cut by the sweeper, by shutdown, or by the client
        }
        connection.closed();
        transport.cut(Connection.SHUTTING_DOWN, "connection lost");
    }

    private static void refuse(Socket socket, byte[] status) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(status);
            out.flush();
            socket.shutdownOutput();
        } catch (IOException e) {
            // the client is gone: nothing to tell it
        } finally {
            closeQuietly(socket);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50); // e.g. out of file descriptors: do not spin
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}

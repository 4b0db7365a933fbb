package org.appmsg.bootstrap.e2e;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A subscriber on the legacy TCP comet listener: sends the {@code sub} command, then a reader thread puts every
 * status line ({@code "+h\r\n"}, {@code "-a\r\n"}) and every bulk frame's payload into {@link #frames}, as
 * {@link Socket} does for the WebSocket, and completes {@link #closed} at end of stream.
 */
final class TcpFeed implements Feed {

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final java.net.Socket socket;

    private TcpFeed(java.net.Socket socket) {
        this.socket = socket;
    }

    /** Connects and sends {@code sub} with {@code args} (key, heartbeat, token, version, mid…). */
    static TcpFeed open(int port, String... args) {
        try {
            java.net.Socket socket = new java.net.Socket("127.0.0.1", port);
            TcpFeed feed = new TcpFeed(socket);
            StringBuilder b = new StringBuilder("*").append(args.length + 1).append("\r\n$3\r\nsub\r\n");
            for (String a : args) {
                b.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
            }
            socket.getOutputStream().write(b.toString().getBytes(StandardCharsets.UTF_8));
            Thread.ofVirtual().start(feed::read);
            return feed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public BlockingQueue<String> frames() {
        return frames;
    }

    @Override
    public boolean isClosed() {
        return closed.isDone();
    }

    /** Cuts the connection with a reset, as a client whose network vanished would look to the server. */
    @Override
    public void abort() {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            // gone already
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // gone already
        }
    }

    private void read() {
        try (InputStream in = new BufferedInputStream(socket.getInputStream())) {
            for (String line = line(in); line != null; line = line(in)) {
                if (line.startsWith("$")) {
                    byte[] body = in.readNBytes(Integer.parseInt(line.substring(1)));
                    line(in);
                    frames.add(new String(body, StandardCharsets.UTF_8));
                } else {
                    frames.add(line + "\r\n");
                }
            }
        } catch (IOException | RuntimeException e) {
            // end of stream, reset or closed by abort()
        } finally {
            closed.complete(null);
        }
    }

    /** A line of the protocol without its CRLF, or null at the end of the stream. */
    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                return null;
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }
}

package org.appmsg.bootstrap.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;

/** A comet subscriber over a real WebSocket (the JDK client), collecting every text frame. */
final class Socket implements WebSocket.Listener, Feed {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    volatile String closeReason;
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static Socket open(int port, String query) {
        Socket s = new Socket();
        s.socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/sub?" + query), s).join();
        return s;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(partial.toString());
            partial.setLength(0);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closeReason = reason;
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closed.complete(-1);
    }

    @Override
    public BlockingQueue<String> frames() {
        return frames;
    }

    @Override
    public boolean isClosed() {
        return closed.isDone();
    }

    /** Drops the TCP connection without a close frame. */
    @Override
    public void abort() {
        socket.abort();
    }

    void heartbeat() {
        socket.sendText("h", true).join();
    }

    void ping() {
        socket.sendPing(java.nio.ByteBuffer.allocate(0)).join();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null).join();
        }
        socket.abort();
    }
}

package org.appmsg.bootstrap.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A comet subscriber over a real WebSocket (the JDK client), collecting every text frame. */
final class Socket implements WebSocket.Listener, AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
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
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closed.complete(-1);
    }

    /** The next frame, or fails the test after {@code seconds}. */
    String next(int seconds) {
        try {
            String f = frames.poll(seconds, TimeUnit.SECONDS);
            if (f == null) {
                throw new AssertionError("no frame within " + seconds + " s");
            }
            return f;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every message frame that arrives within {@code millis} (status frames like +h are skipped). */
    List<String> drain(long millis) throws InterruptedException {
        List<String> out = new ArrayList<>();
        long end = System.nanoTime() + millis * 1_000_000;
        String f;
        while ((f = frames.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
            if (!f.startsWith("+")) {
                out.add(f);
            }
        }
        return out;
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

package org.appmsg.adapter.ws;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/** A Java-WebSocket client that records what it receives; {@link #pause} stops it reading. */
final class TestClient extends WebSocketClient {

    record Closed(int code, String reason, boolean remote) {}

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private volatile CountDownLatch paused = new CountDownLatch(0);

    private TestClient(URI uri) {
        super(uri);
        setConnectionLostTimeout(0);
    }

    static TestClient connect(int port, String resource) throws InterruptedException {
        TestClient client = new TestClient(URI.create("ws://127.0.0.1:" + port + resource));
        client.connectBlocking(5, TimeUnit.SECONDS);
        return client;
    }

    /** Connects with reading paused from the first frame on, until {@link #resume}. */
    static TestClient connectPaused(int port, String resource) throws InterruptedException {
        TestClient client = new TestClient(URI.create("ws://127.0.0.1:" + port + resource));
        client.pause();
        client.connectBlocking(5, TimeUnit.SECONDS);
        return client;
    }

    /** The next text frame, or null after {@code millis}. */
    String next(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    String next() throws InterruptedException {
        return next(5000);
    }

    Closed closed(long millis) throws Exception {
        return closed.get(millis, TimeUnit.MILLISECONDS);
    }

    boolean isGone() {
        return closed.isDone();
    }

    /** The reading thread blocks in the next message callback until {@link #resume}. */
    void pause() {
        paused = new CountDownLatch(1);
    }

    void resume() {
        paused.countDown();
    }

    @Override
    public void onOpen(ServerHandshake handshake) {}

    @Override
    public void onMessage(String message) {
        received.add(message);
        try {
            paused.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void onMessage(ByteBuffer bytes) {
        received.add("binary:" + bytes.remaining());
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        closed.complete(new Closed(code, reason, remote));
    }

    @Override
    public void onError(Exception e) {}
}

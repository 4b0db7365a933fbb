package org.appmsg.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WebSocket sessions ({@code ver=1}) driven by one selector thread, for the load tools: opens
 * {@code keys.length} sessions (at most 256 handshaking at a time, spread over {@code sources} loopback source
 * addresses when the gateway is on 127.0.0.1), answers nothing, sends an {@code h} heartbeat every 24 s
 * (heartbeat 60), and hands every text frame after {@code +h} to a {@link FrameSink}. The closed-loop tools use
 * the built-in sink: it counts the frames that hold {@code mark} followed by the send time in nanoseconds
 * ({@link System#nanoTime()} of this process): {@link #frames()}, the time of the last one and, while
 * {@link #measuring(boolean)}, the delivery latency. {@link #stop()} ends the thread.
 */
final class WsClients implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(WsClients.class);
    private static final int HEARTBEAT = 60;

    private final InetSocketAddress ws;
    private final String host;
    private final String[] keys;
    private final String[] tokens;
    private final byte[] mark;
    private final FrameSink sink;
    private final int sources;
    private final ByteBuffer read = ByteBuffer.allocateDirect(256 * 1024);
    private final List<Conn> live = new ArrayList<>();
    private final LongAdder frames = new LongAdder();
    private final AtomicLong lastFrameAt = new AtomicLong();
    private final Histogram latency = new Histogram();
    final AtomicInteger ready = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger closedByServer = new AtomicInteger();
    private volatile boolean stop;
    private volatile boolean measuring;

    /** Receives the payload of each text frame a ready session gets, on the selector thread: must not block. */
    @FunctionalInterface
    interface FrameSink {
        void frame(byte[] bytes, int from, int len, long receivedNanos);
    }

    /**
     * Sessions whose marked frames the built-in sink counts and times.
     *
     * @param hostPort the gateway, {@code host:port}; {@code keys[i]} is session i's key, {@code tokens[i]} its token
     */
    WsClients(String hostPort, String[] keys, String[] tokens, String mark) {
        this(hostPort, keys, tokens, mark, null, 1);
    }

    /** Sessions that hand every frame to {@code sink}, connecting from {@code sources} loopback addresses. */
    WsClients(String hostPort, String[] keys, String[] tokens, FrameSink sink, int sources) {
        this(hostPort, keys, tokens, "", sink, sources);
    }

    private WsClients(String hostPort, String[] keys, String[] tokens, String mark, FrameSink sink, int sources) {
        this.host = hostPort;
        this.ws = new InetSocketAddress(BenchKit.host(hostPort), BenchKit.port(hostPort));
        this.keys = keys;
        this.tokens = tokens;
        this.mark = mark.getBytes(StandardCharsets.US_ASCII);
        this.sink = sink != null ? sink : this::marked;
        this.sources = ws.getAddress().isLoopbackAddress() && BenchKit.host(hostPort).equals("127.0.0.1")
                ? Math.max(1, sources) : 1;
    }

    long frames() {
        return frames.sum();
    }

    long lastFrameAt() {
        return lastFrameAt.get();
    }

    Histogram latency() {
        return latency;
    }

    void resetFrames() {
        frames.reset();
    }

    void measuring(boolean on) {
        measuring = on;
    }

    void stop() {
        stop = true;
    }

    /** Waits until all {@code count} sessions are ready; fails when one failed or {@code millis} passed first. */
    void awaitReady(int count, long millis) throws InterruptedException {
        long until = System.nanoTime() + millis * 1_000_000;
        while (ready.get() + failed.get() < count && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        if (ready.get() != count) {
            throw new IllegalStateException("only " + ready.get() + " of " + count + " sessions connected ("
                    + failed.get() + " failed)");
        }
    }

    /** Waits until {@code expected} frames arrived, or no frame came for {@code quietMillis}. */
    void awaitFrames(long expected, long quietMillis) throws InterruptedException {
        long seen = -1;
        long since = System.nanoTime();
        while (frames.sum() < expected) {
            long now = frames.sum();
            if (now != seen) {
                seen = now;
                since = System.nanoTime();
            } else if (System.nanoTime() - since > quietMillis * 1_000_000) {
                LOG.warn("{} of {} frames arrived; giving up waiting", now, expected);
                return;
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void run() {
        try (Selector selector = Selector.open()) {
            int next = 0;
            int handshaking = 0;
            long nextBeatCheck = 0;
            while (!stop) {
                while (next < keys.length && handshaking < 256) {
                    SocketChannel channel = SocketChannel.open();
                    channel.configureBlocking(false);
                    if (sources > 1) { // more source addresses, more ephemeral ports
                        channel.bind(new InetSocketAddress("127.0.0." + (1 + next % sources), 0));
                    }
                    channel.connect(ws);
                    channel.register(selector, SelectionKey.OP_CONNECT, new Conn(next++, channel));
                    handshaking++;
                }
                selector.select(50);
                for (SelectionKey key : selector.selectedKeys()) {
                    Conn c = (Conn) key.attachment();
                    boolean wasReady = c.ready;
                    try {
                        handle(key, c);
                    } catch (IOException e) {
                        key.cancel();
                        c.channel.close();
                        if (wasReady) {
                            closedByServer.incrementAndGet();
                            live.remove(c);
                        } else {
                            failed.incrementAndGet();
                            handshaking--;
                            LOG.warn("session {} failed: {}", c.index, e.getMessage());
                        }
                        continue;
                    }
                    if (!wasReady && c.ready) {
                        handshaking--;
                        live.add(c);
                        ready.incrementAndGet();
                    }
                }
                selector.selectedKeys().clear();
                long now = System.nanoTime();
                if (now >= nextBeatCheck) { // once a second: a pass over every session is not free
                    beat(now);
                    nextBeatCheck = now + 1_000_000_000L;
                }
            }
            for (Conn c : live) {
                c.channel.close();
            }
        } catch (IOException e) {
            LOG.error("selector failed", e);
        }
    }

    private void handle(SelectionKey key, Conn c) throws IOException {
        if (key.isConnectable()) {
            c.channel.finishConnect();
            c.channel.write(ByteBuffer.wrap(handshake(c.index)));
            key.interestOps(SelectionKey.OP_READ);
            return;
        }
        if (!key.isReadable()) {
            return;
        }
        read.clear();
        int n = c.channel.read(read);
        if (n < 0) {
            throw new IOException("closed by the server");
        }
        read.flip();
        c.in.read(read, (bytes, from, len) -> text(c, bytes, from, len));
    }

    private void text(Conn c, byte[] bytes, int from, int len) throws IOException {
        if (!c.ready) {
            if (len < 2 || bytes[from] != '+' || bytes[from + 1] != 'h') {
                throw new IOException("refused: " + new String(bytes, from, len, StandardCharsets.US_ASCII).strip());
            }
            c.ready = true;
            return;
        }
        sink.frame(bytes, from, len, System.nanoTime());
    }

    /** The built-in sink: counts and times the frames that hold the mark. */
    private void marked(byte[] bytes, int from, int len, long now) {
        int at = indexOf(bytes, from, from + len, mark);
        if (at < 0) {
            return; // +h answers to heartbeats, notices
        }
        long sent = 0;
        for (int i = at + mark.length; i < from + len && bytes[i] >= '0' && bytes[i] <= '9'; i++) {
            sent = sent * 10 + (bytes[i] - '0');
        }
        frames.increment();
        lastFrameAt.set(now);
        if (measuring) {
            latency.record((now - sent) / 1000);
        }
    }

    private void beat(long now) {
        for (Conn c : live) {
            if (now - c.lastBeat > HEARTBEAT * 400_000_000L) {
                c.lastBeat = now;
                try {
                    c.channel.write(ByteBuffer.wrap(WsFrames.maskedText((byte) 'h')));
                } catch (IOException e) {
                    // the read side notices
                }
            }
        }
    }

    private byte[] handshake(int index) {
        return WsFrames.upgradeRequest(host,
                "/sub?key=" + keys[index] + "&heartbeat=" + HEARTBEAT + "&token=" + tokens[index] + "&ver=1");
    }

    private static int indexOf(byte[] bytes, int from, int to, byte[] what) {
        outer:
        for (int i = from; i <= to - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (bytes[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static final class Conn {
        final int index;
        final SocketChannel channel;
        final WsFrames.Reader in = new WsFrames.Reader();
        boolean ready;
        long lastBeat = System.nanoTime();

        Conn(int index, SocketChannel channel) {
            this.index = index;
            this.channel = channel;
        }
    }
}

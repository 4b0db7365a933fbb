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
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 *
 * <p>For a cluster, each session may have a gateway of its own, the sink may learn which session a frame came
 * to ({@link SessionSink}), {@link SessionEvents} hears of sessions that became ready, were closed or failed to
 * connect, and {@link #reconnect} opens a session again (at another gateway, resuming after a {@code mid}), as a
 * client does after its node died. Nothing reconnects by itself: the caller decides when and where.
 */
final class WsClients implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(WsClients.class);
    private static final int HEARTBEAT = 60;

    private final String[] hosts;
    private final String[] keys;
    private final String[] tokens;
    private final byte[] mark;
    private final SessionSink sink;
    private final SessionEvents events;
    private final int sources;
    private final Queue<Reconnect> reconnects = new ConcurrentLinkedQueue<>();
    private volatile Selector selector;
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

    /** Like {@link FrameSink}, with the index of the session the frame came to. */
    @FunctionalInterface
    interface SessionSink {
        void frame(int session, byte[] bytes, int from, int len, long receivedNanos);
    }

    /** What happens to sessions, told on the selector thread: must not block. */
    interface SessionEvents {
        /** Session {@code session} got its {@code +h} (a first connection or a reconnection). */
        default void ready(int session) {
        }

        /** A ready connection of {@code session} was closed by the server or the network. */
        default void closed(int session) {
        }

        /** A connection of {@code session} failed before its {@code +h} ({@code why}: the reason). */
        default void failed(int session, String why) {
        }
    }

    /** A request to open session {@code index} again at {@code hostPort}, resuming after {@code mid}. */
    private record Reconnect(int index, String hostPort, long mid) {
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
        this(sameFor(keys.length, hostPort), keys, tokens, mark,
                sink == null ? null : (session, bytes, from, len, now) -> sink.frame(bytes, from, len, now),
                new SessionEvents() {
                }, sources);
    }

    /**
     * Sessions each at a gateway of its own ({@code hostPorts[i]} for session i), each frame handed to
     * {@code sink} with its session's index, the sessions' fate told to {@code events}; sessions at 127.0.0.1
     * connect from {@code sources} loopback addresses.
     */
    WsClients(String[] hostPorts, String[] keys, String[] tokens, SessionSink sink, SessionEvents events, int sources) {
        this(hostPorts, keys, tokens, "", sink, events, sources);
    }

    private WsClients(String[] hostPorts, String[] keys, String[] tokens, String mark, SessionSink sink,
                      SessionEvents events, int sources) {
        if (hostPorts.length != keys.length || tokens.length != keys.length) {
            throw new IllegalArgumentException("one gateway, key and token per session");
        }
        this.hosts = hostPorts.clone();
        this.keys = keys;
        this.tokens = tokens;
        this.mark = mark.getBytes(StandardCharsets.US_ASCII);
        this.sink = sink != null ? sink : (session, bytes, from, len, now) -> marked(bytes, from, len, now);
        this.events = events;
        this.sources = Math.max(1, sources);
    }

    private static String[] sameFor(int count, String hostPort) {
        String[] all = new String[count];
        java.util.Arrays.fill(all, hostPort);
        return all;
    }

    /**
     * Opens session {@code index} again at {@code hostPort} (the key and token it had) with {@code mid=}{@code mid},
     * also when it is 0: a session that has received nothing yet must still get what was stored while it was away
     * (without {@code mid} the server starts after the newest message); any thread may ask. Its outcome comes to
     * {@link SessionEvents}.
     */
    void reconnect(int index, String hostPort, long mid) {
        reconnects.add(new Reconnect(index, hostPort, mid));
        Selector s = selector;
        if (s != null) {
            s.wakeup();
        }
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
            this.selector = selector;
            int next = 0;
            int handshaking = 0;
            long nextBeatCheck = 0;
            while (!stop) {
                while (next < keys.length && handshaking < 256) {
                    open(selector, next, hosts[next], -1, false);
                    next++;
                    handshaking++;
                }
                for (Reconnect r = reconnects.poll(); r != null; r = reconnects.poll()) {
                    try {
                        open(selector, r.index(), r.hostPort(), r.mid(), true);
                    } catch (IOException e) {
                        failed.incrementAndGet();
                        events.failed(r.index(), e.toString());
                    }
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
                            events.closed(c.index);
                        } else {
                            failed.incrementAndGet();
                            if (!c.again) {
                                handshaking--;
                                LOG.warn("session {} failed: {}", c.index, e.getMessage());
                            }
                            events.failed(c.index, e.toString());
                        }
                        continue;
                    }
                    if (!wasReady && c.ready) {
                        if (!c.again) {
                            handshaking--;
                        }
                        live.add(c);
                        ready.incrementAndGet();
                        events.ready(c.index);
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

    /** Starts connecting session {@code index} to {@code hostPort}, after {@code mid} unless -1; {@code again}: a reconnection. */
    private void open(Selector selector, int index, String hostPort, long mid, boolean again) throws IOException {
        InetSocketAddress to = new InetSocketAddress(BenchKit.host(hostPort), BenchKit.port(hostPort));
        SocketChannel channel = SocketChannel.open();
        try {
            channel.configureBlocking(false);
            if (sources > 1 && BenchKit.host(hostPort).equals("127.0.0.1")) { // more source addresses, more ports
                channel.bind(new InetSocketAddress("127.0.0." + (1 + index % sources), 0));
            }
            channel.connect(to);
            channel.register(selector, SelectionKey.OP_CONNECT, new Conn(index, channel, hostPort, mid, again));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    private void handle(SelectionKey key, Conn c) throws IOException {
        if (key.isConnectable()) {
            c.channel.finishConnect();
            c.channel.write(ByteBuffer.wrap(handshake(c)));
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
        sink.frame(c.index, bytes, from, len, System.nanoTime());
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

    private byte[] handshake(Conn c) {
        return WsFrames.upgradeRequest(c.host, "/sub?key=" + keys[c.index] + "&heartbeat=" + HEARTBEAT + "&token="
                + tokens[c.index] + "&ver=1" + (c.mid >= 0 ? "&mid=" + c.mid : ""));
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
        final String host;
        final long mid;
        final boolean again;
        final WsFrames.Reader in = new WsFrames.Reader();
        boolean ready;
        long lastBeat = System.nanoTime();

        Conn(int index, SocketChannel channel, String host, long mid, boolean again) {
            this.index = index;
            this.channel = channel;
            this.host = host;
            this.mid = mid;
            this.again = again;
        }
    }
}

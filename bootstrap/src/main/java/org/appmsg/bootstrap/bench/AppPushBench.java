package org.appmsg.bootstrap.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Application push load (issue #5) against a running server: provisions a tenant and an application, syncs
 * {@code --users} users (default 10,000; only the {@code --connected} ones that sign in get a password) into
 * a small org tree, logs in {@code --connected} of them (2,000) and connects each over WebSocket, then pushes
 * {@code --messages} application messages (20, after {@code --warmup} 2) one after another through
 * {@code /app/client/app/user/push} to every user: {@code --target tenant} names {@code {tenant}@tenant},
 * {@code org} the root org (its subtree holds every user), {@code users} lists the users explicitly, 1,000
 * {@code @user} names per request. Reports recipients stored per second (mlist entries / wall time of the
 * push requests), request p50/p99, live frames/s received, delivery latency p50/p99 (the send time travels
 * in {@code content}), errors and the server's heap peak. One selector thread drives every socket; every
 * loop is a fixed amount of work or bounded by time, and only the given addresses are targeted.
 */
public final class AppPushBench {

    private static final Logger LOG = LoggerFactory.getLogger(AppPushBench.class);
    private static final Pattern HEAP = Pattern.compile("(?m)^jvm_memory_heap_used_bytes\\S* ([0-9.eE+]+)");
    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
    private static final byte[] MARK = "\"m=".getBytes(StandardCharsets.US_ASCII);
    private static final int NAMES_PER_REQUEST = 1_000;
    private static final int HEARTBEAT = 60;

    private final Map<String, String> opt;
    private final ServerApi serverApi;
    private final String apiHost;
    private final int apiPort;
    private final InetSocketAddress ws;
    private final AtomicLong maxHeap = new AtomicLong();
    private final LongAdder frames = new LongAdder();
    private final AtomicLong lastFrameAt = new AtomicLong();
    private final Histogram deliveryLatency = new Histogram();
    private volatile boolean stop;
    private volatile boolean measuring;

    private AppPushBench(Map<String, String> opt) {
        this.opt = opt;
        this.serverApi = new ServerApi(opt.get("api"), opt.get("admin"), opt.get("admin-key"));
        this.apiHost = host(opt.get("api"));
        this.apiPort = port(opt.get("api"));
        this.ws = new InetSocketAddress(host(opt.get("ws")), port(opt.get("ws")));
    }

    /**
     * {@code bench-app-push --admin-key KEY [--api H:P] [--ws H:P] [--admin H:P] [--users 10000] [--connected 2000]
     * [--messages 20] [--warmup 2] [--target tenant|org|users] [--orgs 10] [--clients 32] [--label TEXT]}
     */
    public static void run(String[] args) throws Exception {
        Map<String, String> opt = new HashMap<>(Map.of("users", "10000", "connected", "2000", "messages", "20",
                "warmup", "2", "target", "tenant", "orgs", "10", "clients", "32",
                "api", "127.0.0.1:8090", "ws", "127.0.0.1:6968", "admin", "127.0.0.1:8091"));
        opt.put("label", "");
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--") || !opt.containsKey(args[i].substring(2)) && !args[i].equals("--admin-key")) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            opt.put(args[i].substring(2), args[i + 1]);
        }
        if (!opt.containsKey("admin-key")) {
            throw new IllegalArgumentException("--admin-key is required");
        }
        if (!List.of("tenant", "org", "users").contains(opt.get("target"))) {
            throw new IllegalArgumentException("--target is tenant, org or users");
        }
        new AppPushBench(opt).go();
    }

    private int intOpt(String name) {
        return Integer.parseInt(opt.get(name));
    }

    private void go() throws Exception {
        int users = intOpt("users");
        int connected = Math.min(users, intOpt("connected"));
        int orgs = Math.max(1, intOpt("orgs"));
        int clients = intOpt("clients");
        String run = "a" + Long.toString(System.currentTimeMillis(), 36);
        String app = serverApi.provision(run);
        String root = run + "-root";

        long setUp = System.nanoTime();
        syncOrg(app, root, "");
        for (int o = 0; o < orgs; o++) {
            syncOrg(app, run + "-o" + o, root);
        }
        parallel(clients, users, (http, i) -> {
            String password = i < connected ? ",\"password\":\"pw-" + i + "\"" : ""; // only those who sign in
            return http.post("/app/client/app/syncUser", "{\"baseRequest\":{\"token\":\"" + app + "\"},\"orgId\":\""
                    + run + "-o" + (i % orgs) + "\",\"member\":{\"uid\":\"" + run + "-u" + i + "\",\"name\":\"" + run
                    + "-u" + i + "\",\"nickName\":\"user " + i + "\"" + password + "}}");
        });
        LOG.info("synced {} users into {} orgs in {} s", users, orgs + 1, seconds(System.nanoTime() - setUp));
        String[] tokens = new String[connected];
        parallel(Math.min(clients, 16), connected, (http, i) -> {
            String answer = http.post("/app/client/device/login", "{\"baseRequest\":{\"deviceID\":\"Bench-1\","
                    + "\"deviceType\":\"Android\"},\"userName\":\"" + run + "-u" + i + "\",\"password\":\"pw-" + i + "\"}");
            Matcher m = TOKEN.matcher(answer);
            if (m.find()) {
                tokens[i] = m.group(1);
            }
            return answer;
        });
        LOG.info("logged in {} users; connecting them over WebSocket", connected);

        Sockets sockets = new Sockets(run, tokens);
        Thread selector = Thread.ofPlatform().name("bench-app-push-ws").start(sockets);
        Thread heapSampler = Thread.ofVirtual().start(this::sampleHeap);
        try {
            if (!sockets.awaitReady(connected, 120_000)) {
                throw new IllegalStateException("only " + sockets.ready.get() + " of " + connected
                        + " sessions connected (" + sockets.failed.get() + " failed)");
            }
            LOG.info("{} sessions live; pushing {} warm-up and {} measured messages to {}@{}", connected,
                    intOpt("warmup"), intOpt("messages"), users, opt.get("target"));
            List<List<String>> bodies = targets(run, users);
            Push warm = new Push();
            for (int k = 0; k < intOpt("warmup"); k++) {
                warm.message(app, bodies);
            }
            warm.http.close();
            awaitFrames((long) connected * intOpt("warmup"), 30_000);
            frames.reset();
            measuring = true;
            Push measured = new Push();
            long start = System.nanoTime();
            for (int k = 0; k < intOpt("messages"); k++) {
                measured.message(app, bodies);
            }
            long pushedAt = System.nanoTime();
            measured.http.close();
            long expected = (long) connected * intOpt("messages");
            awaitFrames(expected, 30_000);
            long framesSeen = frames.sum();
            long deliveredAt = framesSeen == 0 ? pushedAt : lastFrameAt.get();
            measuring = false;
            sampleHeapOnce();
            double pushSeconds = (pushedAt - start) / 1e9;
            double deliverSeconds = Math.max(1e-9, (deliveredAt - start) / 1e9);
            LOG.info(String.format(Locale.ROOT, "RESULT %s target=%s users=%d connected=%d messages=%d requests=%d"
                            + " recipients=%d recipients_per_s=%.0f request_p50_ms=%s request_p99_ms=%s"
                            + " frames=%d/%d frames_per_s=%.0f delivery_p50_ms=%s delivery_p99_ms=%s errors=%d"
                            + " closed_by_server=%d max_heap_mb=%d",
                    opt.get("label"), opt.get("target"), users, connected, intOpt("messages"), measured.requests,
                    measured.recipients, measured.recipients / pushSeconds, measured.latency.millis(0.5),
                    measured.latency.millis(0.99), framesSeen, expected, framesSeen / deliverSeconds,
                    deliveryLatency.millis(0.5), deliveryLatency.millis(0.99), measured.errors + warm.errors,
                    sockets.closedByServer.get(), maxHeap.get() >> 20));
        } finally {
            stop = true;
            selector.join(10_000);
            heapSampler.interrupt();
        }
    }

    /** The {@code toUserNames} lists of one message: one request, or 1,000 users per request. */
    private List<List<String>> targets(String run, int users) {
        return switch (opt.get("target")) {
            case "tenant" -> List.of(List.of(run + "@tenant"));
            case "org" -> List.of(List.of(run + "-root@org"));
            default -> {
                List<List<String>> requests = new ArrayList<>();
                for (int from = 0; from < users; from += NAMES_PER_REQUEST) {
                    List<String> names = new ArrayList<>();
                    for (int i = from; i < Math.min(users, from + NAMES_PER_REQUEST); i++) {
                        names.add(run + "-u" + i + "@user");
                    }
                    requests.add(names);
                }
                yield requests;
            }
        };
    }

    /** Sequential pushes over one keep-alive connection, with their counts. */
    private final class Push {
        final Histogram latency = new Histogram();
        final RawHttp http = new RawHttp(apiHost, apiPort);
        long recipients;
        long requests;
        long errors;

        void message(String app, List<List<String>> requests) {
            for (List<String> names : requests) {
                long t0 = System.nanoTime();
                StringBuilder body = new StringBuilder(64 + names.size() * 32)
                        .append("{\"baseRequest\":{\"token\":\"").append(app).append("\"},\"toUserNames\":[");
                for (int i = 0; i < names.size(); i++) {
                    body.append(i == 0 ? "\"" : ",\"").append(names.get(i)).append('"');
                }
                body.append("],\"msgType\":1,\"content\":\"m=").append(t0).append("\"}");
                try {
                    String answer = http.post("/app/client/app/user/push", body.toString());
                    latency.record((System.nanoTime() - t0) / 1000);
                    this.requests++;
                    if (!answer.contains("\"ret\":0")) {
                        errors++;
                        LOG.warn("push failed: {}", answer.length() > 300 ? answer.substring(0, 300) : answer);
                    } else {
                        recipients += count(answer, "\"key\":");
                    }
                } catch (IOException e) {
                    errors++;
                    LOG.warn("push failed: {}", e.toString());
                }
            }
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + what.length())) {
            n++;
        }
        return n;
    }

    /** Waits until {@code expected} frames arrived, or no frame came for {@code quietMillis}. */
    private void awaitFrames(long expected, long quietMillis) throws InterruptedException {
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

    /** Every WebSocket session, driven by one selector thread: handshakes, {@code h} heartbeats, frame counting. */
    private final class Sockets implements Runnable {
        private final String run;
        private final String[] tokens;
        private final ByteBuffer read = ByteBuffer.allocateDirect(256 * 1024);
        private final List<Conn> live = new ArrayList<>();
        final AtomicInteger ready = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger closedByServer = new AtomicInteger();

        Sockets(String run, String[] tokens) {
            this.run = run;
            this.tokens = tokens;
        }

        boolean awaitReady(int count, long millis) throws InterruptedException {
            long until = System.nanoTime() + millis * 1_000_000;
            while (ready.get() + failed.get() < count && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            return ready.get() == count;
        }

        @Override
        public void run() {
            try (Selector selector = Selector.open()) {
                int next = 0;
                int handshaking = 0;
                while (!stop) {
                    while (next < tokens.length && handshaking < 256) {
                        SocketChannel channel = SocketChannel.open();
                        channel.configureBlocking(false);
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
                    beat();
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
            byte[] bytes = new byte[c.pending.length + read.remaining()];
            System.arraycopy(c.pending, 0, bytes, 0, c.pending.length);
            read.get(bytes, c.pending.length, read.remaining());
            c.pending = consume(c, bytes);
        }

        private byte[] consume(Conn c, byte[] bytes) throws IOException {
            int at = 0;
            if (!c.upgraded) {
                String text = new String(bytes, StandardCharsets.ISO_8859_1);
                int endOfHead = text.indexOf("\r\n\r\n");
                if (endOfHead < 0) {
                    return bytes;
                }
                if (!text.startsWith("HTTP/1.1 101")) {
                    throw new IOException("upgrade refused: " + text.lines().findFirst().orElse(""));
                }
                c.upgraded = true;
                at = endOfHead + 4;
            }
            while (bytes.length - at >= 2) {
                int opcode = bytes[at] & 0x0f;
                long len = bytes[at + 1] & 0x7f;
                int header = 2;
                if (len == 126) {
                    if (bytes.length - at < 4) {
                        break;
                    }
                    len = ((bytes[at + 2] & 0xff) << 8) | (bytes[at + 3] & 0xff);
                    header = 4;
                } else if (len == 127) {
                    if (bytes.length - at < 10) {
                        break;
                    }
                    len = 0;
                    for (int i = 2; i < 10; i++) {
                        len = (len << 8) | (bytes[at + i] & 0xff);
                    }
                    header = 10;
                }
                if (bytes.length - at < header + len) {
                    break;
                }
                if (opcode == 8) {
                    throw new IOException("closed by the server");
                }
                if (opcode == 1) {
                    text(c, bytes, at + header, (int) len);
                }
                at += header + (int) len;
            }
            return at == bytes.length ? new byte[0] : java.util.Arrays.copyOfRange(bytes, at, bytes.length);
        }

        private void text(Conn c, byte[] bytes, int from, int len) throws IOException {
            if (!c.ready) {
                if (len < 2 || bytes[from] != '+' || bytes[from + 1] != 'h') {
                    throw new IOException("refused: " + new String(bytes, from, len, StandardCharsets.US_ASCII).strip());
                }
                c.ready = true;
                return;
            }
            int mark = indexOf(bytes, from, from + len, MARK);
            if (mark < 0) {
                return; // +h answers to heartbeats
            }
            long now = System.nanoTime();
            long sent = 0;
            for (int i = mark + MARK.length; i < from + len && bytes[i] >= '0' && bytes[i] <= '9'; i++) {
                sent = sent * 10 + (bytes[i] - '0');
            }
            frames.increment();
            lastFrameAt.set(now);
            if (measuring) {
                deliveryLatency.record((now - sent) / 1000);
            }
        }

        private void beat() {
            long now = System.nanoTime();
            for (Conn c : live) {
                if (now - c.lastBeat > HEARTBEAT * 400_000_000L) {
                    c.lastBeat = now;
                    byte[] mask = new byte[4];
                    ThreadLocalRandom.current().nextBytes(mask);
                    try {
                        c.channel.write(ByteBuffer.wrap(new byte[] {(byte) 0x81, (byte) 0x81, mask[0], mask[1],
                                mask[2], mask[3], (byte) ('h' ^ mask[0])}));
                    } catch (IOException e) {
                        // the read side notices
                    }
                }
            }
        }

        private byte[] handshake(int index) {
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            return ("GET /sub?key=" + run + "-u" + index + "_Bench-1@user&heartbeat=" + HEARTBEAT + "&token="
                    + tokens[index] + "&ver=1 HTTP/1.1\r\nHost: " + opt.get("ws")
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                    + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
        }
    }

    private static final class Conn {
        final int index;
        final SocketChannel channel;
        boolean upgraded;
        boolean ready;
        long lastBeat = System.nanoTime();
        byte[] pending = new byte[0];

        Conn(int index, SocketChannel channel) {
            this.index = index;
            this.channel = channel;
        }
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

    private void syncOrg(String app, String id, String parent) throws IOException {
        try (RawHttp http = new RawHttp(apiHost, apiPort)) {
            String answer = http.post("/app/client/app/syncOrg", "{\"baseRequest\":{\"token\":\"" + app + "\"},\"org\":{\"id\":\""
                    + id + "\",\"name\":\"" + id + "\",\"shortName\":\"" + id + "\",\"parentId\":\"" + parent + "\",\"sort\":0}}");
            if (!answer.contains("\"ret\":0")) {
                throw new IllegalStateException("syncOrg " + id + " failed: " + answer);
            }
        }
    }

    private void sampleHeap() {
        while (!Thread.currentThread().isInterrupted()) {
            sampleHeapOnce();
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sampleHeapOnce() {
        try {
            Matcher m = HEAP.matcher(serverApi.metrics());
            if (m.find()) {
                maxHeap.accumulateAndGet((long) Double.parseDouble(m.group(1)), Math::max);
            }
        } catch (IOException e) {
            // the next sample will tell
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @FunctionalInterface
    private interface Call {
        String call(RawHttp http, int index) throws IOException;
    }

    /** Runs {@code calls(0..count-1)} on {@code clients} keep-alive connections; fails on an answer that is not ret 0. */
    private void parallel(int clients, int count, Call call) throws Exception {
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    try (RawHttp http = new RawHttp(apiHost, apiPort)) {
                        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                            String answer = call.call(http, i);
                            if (!answer.contains("\"ret\":0")) {
                                throw new IllegalStateException("request " + i + " failed: " + answer);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }

    private static String host(String hostPort) {
        return hostPort.substring(0, hostPort.lastIndexOf(':'));
    }

    private static int port(String hostPort) {
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }
}

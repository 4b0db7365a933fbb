package org.appmsg.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection stress tool (R11): opens many authenticated WebSocket (or, with {@code --protocol tcp},
 * TCP comet) sessions from several loopback
 * source addresses, holds them with heartbeats, optionally churns them (closes and opens a number per
 * second), and reports sessions held, connect rate, failures and the server's heap and RSS. One selector
 * thread drives every socket with a minimal WebSocket client, so the tool itself stays small. Bounded by
 * time; it targets only the addresses it is given.
 */
public final class ConnectionBench {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionBench.class);
    private static final int SESSIONS_PER_USER = 20; // under APPMSG_MAX_SESSIONS_PER_USER (32)
    private static final int MAX_HANDSHAKING = 256;
    private static final Pattern METRIC = Pattern.compile("(?m)^(jvm_memory_heap_used_bytes|process_resident_memory_bytes|appmsg_ws_connections)\\S* ([0-9.eE+-]+)");

    private final Map<String, String> opt;
    private final InetSocketAddress server;
    private final int heartbeat;
    private final int sources;
    private final boolean tcp;
    private final ServerApi serverApi;
    private final ArrayDeque<Integer> toOpen = new ArrayDeque<>();
    private final List<Conn> held = new ArrayList<>();
    private final ByteBuffer read = ByteBuffer.allocateDirect(64 * 1024);
    private final List<String> tokens = new ArrayList<>();
    private String run;
    private int handshaking;
    private long opened;
    private long failed;
    private long closedByServer;
    private int nextSession;

    /** One client socket: its session number, whether it got {@code +h}, and when it last sent a heartbeat. */
    private static final class Conn {
        final int session;
        final SocketChannel channel;
        final long started = System.nanoTime();
        final WsFrames.Reader ws = new WsFrames.Reader();
        boolean ready;
        long lastBeat = System.nanoTime();
        byte[] pending = new byte[0]; // TCP only: an unfinished first line

        Conn(int session, SocketChannel channel) {
            this.session = session;
            this.channel = channel;
        }
    }

    private ConnectionBench(Map<String, String> opt) {
        this.opt = opt;
        this.tcp = opt.get("protocol").equals("tcp");
        String target = opt.get(tcp ? "tcp" : "ws");
        this.server = new InetSocketAddress(BenchKit.host(target), BenchKit.port(target));
        this.heartbeat = Integer.parseInt(opt.get("heartbeat"));
        this.sources = Integer.parseInt(opt.get("sources"));
        this.serverApi = new ServerApi(opt.get("api"), opt.get("admin"), opt.get("admin-key"));
    }

    /**
     * {@code bench-connections --admin-key KEY [--sessions N] [--churn PER_S] [--seconds N] [--sources K]
     * [--protocol ws|tcp] [--ws HOST:PORT] [--tcp HOST:PORT] [--api HOST:PORT] [--admin HOST:PORT]}
     */
    public static void run(String[] args) throws Exception {
        Map<String, String> opt = new HashMap<>(Map.of("sessions", "1000", "churn", "0", "seconds", "30",
                "sources", "4", "heartbeat", "60", "api", "127.0.0.1:8090", "ws", "127.0.0.1:6968",
                "admin", "127.0.0.1:8091", "label", ""));
        opt.putAll(Map.of("protocol", "ws", "tcp", "127.0.0.1:6969"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if (!opt.containsKey("admin-key")) {
            throw new IllegalArgumentException("--admin-key is required");
        }
        new ConnectionBench(opt).go();
    }

    private void go() throws Exception {
        int sessions = Integer.parseInt(opt.get("sessions"));
        int churn = Integer.parseInt(opt.get("churn"));
        long seconds = Long.parseLong(opt.get("seconds"));
        setUp(sessions);
        Map<String, Long> before = metrics();
        for (int i = 0; i < sessions; i++) {
            toOpen.add(nextSession++);
        }
        long start = System.nanoTime();
        long rampedAt = 0;
        long end = Long.MAX_VALUE;
        long nextReport = start + 5_000_000_000L;
        long nextChurn = 0;
        long openedAtReport = 0;
        long ramp = java.time.Duration.ofMinutes(5).toNanos(); // the ramp-up gives up after this
        try (Selector selector = Selector.open()) {
            while (System.nanoTime() < end && System.nanoTime() - start < ramp + seconds * 1_000_000_000L) {
                openSome(selector);
                selector.select(50);
                for (SelectionKey key : selector.selectedKeys()) {
                    handle(key);
                }
                selector.selectedKeys().clear();
                long now = System.nanoTime();
                beat(now);
                if (rampedAt == 0 && toOpen.isEmpty() && handshaking == 0) {
                    rampedAt = now;
                    end = now + seconds * 1_000_000_000L;
                    LOG.info("ramp-up done: {} sessions held after {} s ({} failed)", held.size(),
                            (now - start) / 1_000_000_000L, failed);
                    nextChurn = now;
                }
                if (rampedAt != 0 && churn > 0 && now >= nextChurn) {
                    churn(churn);
                    nextChurn += 1_000_000_000L;
                }
                if (now >= nextReport) {
                    Map<String, Long> m = metrics();
                    LOG.info("held={} opened/s={} failed={} closedByServer={} server connections={} heap={}MB rss={}MB",
                            held.size(), (opened - openedAtReport) / 5, failed, closedByServer,
                            m.get("appmsg_ws_connections"), m.get("jvm_memory_heap_used_bytes") >> 20,
                            m.get("process_resident_memory_bytes") >> 20);
                    openedAtReport = opened;
                    nextReport += 5_000_000_000L;
                }
            }
            Map<String, Long> after = metrics();
            long rssGrowth = after.get("process_resident_memory_bytes") - before.get("process_resident_memory_bytes");
            LOG.info("RESULT {} sessions={} held={} churn/s={} window={}s opened={} failed={} closedByServer={} "
                            + "server heap={}MB rss={}MB rss growth per session={} bytes",
                    opt.get("label"), sessions, held.size(), churn, seconds, opened, failed, closedByServer,
                    after.get("jvm_memory_heap_used_bytes") >> 20, after.get("process_resident_memory_bytes") >> 20,
                    held.isEmpty() ? 0 : rssGrowth / held.size());
            for (Conn c : held) {
                c.channel.close();
            }
        }
    }

    private void openSome(Selector selector) throws IOException {
        while (!toOpen.isEmpty() && handshaking < MAX_HANDSHAKING) {
            int session = toOpen.poll();
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.bind(new InetSocketAddress("127.0.0." + (1 + session % sources), 0));
            channel.connect(server);
            channel.register(selector, SelectionKey.OP_CONNECT, new Conn(session, channel));
            handshaking++;
        }
    }

    private void handle(SelectionKey key) {
        Conn c = (Conn) key.attachment();
        try {
            if (key.isConnectable()) {
                c.channel.finishConnect();
                c.channel.write(ByteBuffer.wrap(handshake(c.session)));
                key.interestOps(SelectionKey.OP_READ);
            } else if (key.isReadable()) {
                read.clear();
                int n = c.channel.read(read);
                if (n < 0) {
                    throw new IOException("closed by the server");
                }
                read.flip();
                if (tcp) {
                    c.pending = consumeTcp(c, WsFrames.append(c.pending, read));
                } else {
                    c.ws.read(read, (bytes, from, len) -> status(c, bytes, from, len));
                }
            }
        } catch (IOException e) {
            drop(key, c);
        }
    }

    /** WebSocket: the first text frame is {@code +h} (or a refusal); later frames are read and ignored. */
    private void status(Conn c, byte[] bytes, int from, int len) throws IOException {
        if (c.ready) {
            return;
        }
        String status = new String(bytes, from, len, StandardCharsets.US_ASCII);
        if (!status.startsWith("+h")) {
            throw new IOException("refused: " + status.strip());
        }
        admitted(c);
    }

    /** TCP: the first line is {@code +h} (or a refusal); after it, replies and frames are only counted as read. */
    private byte[] consumeTcp(Conn c, byte[] bytes) throws IOException {
        if (c.ready) {
            return new byte[0];
        }
        String text = new String(bytes, StandardCharsets.US_ASCII);
        int eol = text.indexOf("\r\n");
        if (eol < 0) {
            return bytes;
        }
        if (!text.startsWith("+h")) {
            throw new IOException("refused: " + text.substring(0, eol));
        }
        admitted(c);
        return new byte[0];
    }

    private void admitted(Conn c) {
        c.ready = true;
        handshaking--;
        opened++;
        held.add(c);
    }

    private void drop(SelectionKey key, Conn c) {
        key.cancel();
        try {
            c.channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        if (c.ready) {
            held.remove(c);
            closedByServer++;
        } else {
            handshaking--;
            failed++;
        }
    }

    /** Sends {@code h} on every connection whose last heartbeat is half a heartbeat old. */
    private void beat(long now) {
        long due = heartbeat * 500_000_000L;
        for (Conn c : held) {
            if (now - c.lastBeat > due) {
                c.lastBeat = now;
                try {
                    c.channel.write(ByteBuffer.wrap(tcp ? new byte[] {'h'} : WsFrames.maskedText((byte) 'h')));
                } catch (IOException e) {
                    // the read side notices and counts it
                }
            }
        }
    }

    private void churn(int perSecond) throws IOException {
        for (int i = 0; i < perSecond && !held.isEmpty(); i++) {
            Conn victim = held.remove(ThreadLocalRandom.current().nextInt(held.size()));
            victim.channel.close();
            toOpen.add(nextSession++);
        }
    }

    private byte[] handshake(int session) {
        String user = "c" + run + "-" + (session / SESSIONS_PER_USER % tokens.size());
        String token = tokens.get(session / SESSIONS_PER_USER % tokens.size());
        if (tcp) {
            StringBuilder b = new StringBuilder("*4\r\n");
            for (String arg : new String[] {"sub", user + "_Bench-" + session + "@user", Integer.toString(heartbeat), token}) {
                b.append('$').append(arg.length()).append("\r\n").append(arg).append("\r\n");
            }
            return b.toString().getBytes(StandardCharsets.US_ASCII);
        }
        return WsFrames.upgradeRequest(opt.get("ws"),
                "/sub?key=" + user + "_Bench-" + session + "@user&heartbeat=" + heartbeat + "&ver=1&token=" + token);
    }

    private void setUp(int sessions) throws Exception {
        run = Long.toString(System.currentTimeMillis(), 36);
        String appToken = serverApi.provision("cb-" + run);
        int users = Math.max(1, (sessions + SESSIONS_PER_USER - 1) / SESSIONS_PER_USER);
        LOG.info("bench {}: syncing and logging in {} users for {} sessions", run, users, sessions);
        for (int u = 0; u < users; u++) {
            tokens.add(serverApi.userToken(appToken, "c" + run + "-" + u));
        }
    }

    private Map<String, Long> metrics() throws IOException, InterruptedException {
        Map<String, Long> out = new HashMap<>(Map.of("jvm_memory_heap_used_bytes", -1L,
                "process_resident_memory_bytes", -1L, "appmsg_ws_connections", -1L));
        Matcher m = METRIC.matcher(serverApi.metrics());
        while (m.find()) {
            out.put(m.group(1), (long) Double.parseDouble(m.group(2)));
        }
        return out;
    }
}

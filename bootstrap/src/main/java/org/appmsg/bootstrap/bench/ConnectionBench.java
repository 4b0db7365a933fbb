package org.appmsg.bootstrap.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
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
        boolean upgraded;
        boolean ready;
        long lastBeat = System.nanoTime();
        byte[] pending = new byte[0];

        Conn(int session, SocketChannel channel) {
            this.session = session;
            this.channel = channel;
        }
    }

    private ConnectionBench(Map<String, String> opt) {
        this.opt = opt;
        this.tcp = opt.get("protocol").equals("tcp");
        String target = opt.get(tcp ? "tcp" : "ws");
        this.server = new InetSocketAddress(target.substring(0, target.lastIndexOf(':')),
                Integer.parseInt(target.substring(target.lastIndexOf(':') + 1)));
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
                byte[] bytes = new byte[c.pending.length + read.remaining()];
                System.arraycopy(c.pending, 0, bytes, 0, c.pending.length);
                read.get(bytes, c.pending.length, read.remaining());
                c.pending = consume(c, bytes);
            }
        } catch (IOException e) {
            drop(key, c);
        }
    }

    /** Parses the upgrade response, then server frames; returns the bytes of an unfinished frame. */
    private byte[] consume(Conn c, byte[] bytes) throws IOException {
        if (tcp) {
            return consumeTcp(c, bytes);
        }
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
            int len = bytes[at + 1] & 0x7f;
            int header = 2;
            if (len == 126) {
                if (bytes.length - at < 4) {
                    break;
                }
                len = ((bytes[at + 2] & 0xff) << 8) | (bytes[at + 3] & 0xff);
                header = 4;
            } else if (len == 127) {
                throw new IOException("frame too large for this tool");
            }
            if (bytes.length - at < header + len) {
                break;
            }
            if (opcode == 8) {
                throw new IOException("closed by the server");
            }
            if (!c.ready && opcode == 1) {
                String status = new String(bytes, at + header, len, StandardCharsets.US_ASCII);
                if (!status.startsWith("+h")) {
                    throw new IOException("refused: " + status.strip());
                }
                admitted(c);
            }
            at += header + len;
        }
        return java.util.Arrays.copyOfRange(bytes, at, bytes.length);
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
                    c.channel.write(ByteBuffer.wrap(tcp ? new byte[] {'h'} : maskedText((byte) 'h')));
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
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        return ("GET /sub?key=" + user + "_Bench-" + session + "@user&heartbeat=" + heartbeat + "&ver=1&token=" + token
                + " HTTP/1.1\r\nHost: " + opt.get("ws") + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] maskedText(byte payload) {
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        return new byte[] {(byte) 0x81, (byte) 0x81, mask[0], mask[1], mask[2], mask[3], (byte) (payload ^ mask[0])};
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

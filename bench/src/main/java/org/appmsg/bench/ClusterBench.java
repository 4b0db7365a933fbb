package org.appmsg.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One open-loop run against the nodes of a cluster on this machine (or one node alone): provisions an application,
 * syncs and signs in {@code --receivers} users, connects user {@code i} over WebSocket to node {@code i mod N}, and
 * sends application pushes (one recipient each, picked at random) at {@code --rate} messages/s, each to a node
 * picked at random, for {@code --warmup} + {@code --seconds} seconds ({@link FixedRateSender}, latency from each
 * message's intended send time, {@link RateSchedule}). A frame is <em>same-node</em> when it arrives on a
 * connection to the node that accepted its push, <em>cross-node</em> otherwise.
 *
 * <p>With {@code --redis}, the Redis commands per push: the {@code INFO} counters' growth over the measured window
 * minus {@code --idle} seconds of the same counters measured with every session connected and nothing sent.
 * With {@code --kill-pid}, that process (a node) gets SIGKILL {@code --kill-at} seconds into the measured window;
 * its sessions do what a client does: ask {@code /1/server/get} of a node still answering, reconnect there with
 * the last {@code mid} they received, and retry with backoff until {@code --resume-timeout}. After the drain, every
 * acknowledged push is compared with what its receiver got (the push's content carries its number; the frame's
 * {@code msgId} must be the acknowledged {@code msgID}): acknowledged and never received is lost.
 *
 * <p>Every loop ends by itself: sends stop at the end of the drain, requests time out after {@code --timeout}
 * seconds, the set-up waits at most five minutes for the sessions, reconnections stop at {@code --resume-timeout}.
 * Only loopback addresses are accepted, also from {@code /1/server/get}.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Open-loop application pushes to random nodes of a cluster, receivers spread over the nodes.")
final class ClusterBench implements Callable<Integer> {

    /** Marks a frame of ours: {@code clb|<message>|}. */
    static final String MARK = "clb|";
    private static final Pattern MSG_ID = Pattern.compile("\"msgID\":\"?(\\d+)");
    private static final Pattern SERVER = Pattern.compile("\"server\":\"([^\"]+)\"");

    @Option(names = "--api", required = true, split = ",", description = "each node's HTTP API host:port, in node order")
    List<String> apis;
    @Option(names = "--ws", required = true, split = ",", description = "each node's WebSocket gateway host:port, in node order")
    List<String> gateways;
    @Option(names = "--admin", required = true, description = "the first node's admin listener host:port")
    String admin;
    @Option(names = "--admin-key", required = true, description = "the nodes' admin key")
    String adminKey;
    @Option(names = "--rate", defaultValue = "500", description = "pushes per second (default ${DEFAULT-VALUE})")
    double rate;
    @Option(names = "--receivers", defaultValue = "3000", description = "users connected over WebSocket (default ${DEFAULT-VALUE})")
    int receivers;
    @Option(names = "--connections", defaultValue = "32", description = "sending lanes, each with a keep-alive connection to every node (default ${DEFAULT-VALUE})")
    int connections;
    @Option(names = "--warmup", defaultValue = "15", description = "seconds of warm-up, not measured (default ${DEFAULT-VALUE})")
    int warmup;
    @Option(names = "--seconds", defaultValue = "20", description = "measured seconds (default ${DEFAULT-VALUE})")
    int seconds;
    @Option(names = "--drain", defaultValue = "10", description = "seconds for late frames after the window, or after the last resume (default ${DEFAULT-VALUE})")
    int drain;
    @Option(names = "--timeout", defaultValue = "10", description = "seconds a push may wait for its answer (default ${DEFAULT-VALUE})")
    int timeoutSeconds;
    @Option(names = "--redis", description = "the Redis the nodes share, host:port, for its command counts")
    String redis;
    @Option(names = "--idle", defaultValue = "5", description = "seconds of idle Redis counting before the run (default ${DEFAULT-VALUE})")
    int idleSeconds;
    @Option(names = "--server-pids", split = ",", description = "the nodes' process ids, in node order, for their CPU time")
    List<String> serverPids;
    @Option(names = "--clock-ticks", defaultValue = "100", description = "getconf CLK_TCK (default ${DEFAULT-VALUE})")
    long clockTicks;
    @Option(names = "--kill-pid", description = "SIGKILL this process (a node) during the measured window")
    Long killPid;
    @Option(names = "--kill-node", defaultValue = "3", description = "which node (1-based) --kill-pid is (default ${DEFAULT-VALUE})")
    int killNode;
    @Option(names = "--kill-at", defaultValue = "5", description = "seconds into the measured window of the kill (default ${DEFAULT-VALUE})")
    int killAt;
    @Option(names = "--resume-timeout", defaultValue = "90", description = "seconds after the kill that sessions keep trying to reconnect (default ${DEFAULT-VALUE})")
    int resumeTimeout;
    @Option(names = "--label", defaultValue = "", description = "printed with the results")
    String label;
    @Option(names = "--progress", defaultValue = "5", description = "seconds between progress lines (default ${DEFAULT-VALUE})")
    int progressSeconds;
    @Option(names = "--sources", defaultValue = "4", description = "loopback source addresses for the receivers (default ${DEFAULT-VALUE})")
    int sources;
    @Option(names = "--setup-clients", defaultValue = "32", description = "connections that sync and sign in users (default ${DEFAULT-VALUE})")
    int setupClients;

    private final PrintStream console = System.out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    // where each session is, and what it has seen (written on the selector thread, read by others)
    private int[] nodeOf;
    private AtomicLongArray lastMid;
    private int[] generation;
    private volatile boolean[] down;

    // the book of the run: per message, its receiver, the node that accepted it, its msgID, its frames
    private StepLedger ledger;
    private AtomicIntegerArray recipient;
    private AtomicIntegerArray acceptedBy;
    private AtomicReferenceArray<String> ackedId;
    private AtomicReferenceArray<String> frameId;
    private AtomicIntegerArray copies;
    private final Recorder sameNode = new Recorder(3);
    private final Recorder crossNode = new Recorder(3);
    private final Recorder resumed = new Recorder(3);
    private final LongAdder misdelivered = new LongAdder();
    private final AtomicLong lastFrameAt = new AtomicLong();
    private String idleCpu = "";

    // the kill and the resumes
    private final AtomicLong killedAt = new AtomicLong();
    private final AtomicInteger orphaned = new AtomicInteger();
    private final AtomicInteger reconnected = new AtomicInteger();
    private final AtomicInteger reconnecting = new AtomicInteger();
    private final AtomicInteger gaveUp = new AtomicInteger();
    private final AtomicLong lastResumeAt = new AtomicLong();
    private final LongAdder reconnectAttempts = new LongAdder();
    private boolean[] awaitingResume;
    private int[] attempts;
    private volatile boolean stopping;
    private volatile boolean setUp = true;
    private final AtomicInteger setupRetries = new AtomicInteger();
    private ScheduledExecutorService reconnector;
    private String[] keys;
    private WsClients sockets;

    @Override
    public Integer call() throws Exception {
        check();
        int n = apis.size();
        nodeOf = new int[receivers];
        lastMid = new AtomicLongArray(receivers);
        generation = new int[receivers];
        awaitingResume = new boolean[receivers];
        attempts = new int[receivers];
        down = new boolean[n];
        String runId = "c" + Long.toString(System.currentTimeMillis(), 36);
        BenchKit.Target target = new BenchKit.Target(Map.of("api", apis.get(0), "admin", admin, "admin-key", adminKey));
        long t0 = System.nanoTime();
        String app = target.serverApi.provision(runId);
        console.printf("run %s on %d node(s): syncing and signing in %,d receivers%n", runId, n, receivers);
        target.syncUsers(app, runId, receivers, receivers, null, setupClients);
        String[] tokens = target.logIn(runId, receivers, setupClients);
        String[] hosts = new String[receivers];
        for (int i = 0; i < receivers; i++) {
            nodeOf[i] = i % n;
            hosts[i] = gateways.get(i % n);
        }
        console.printf("set-up took %s s; connecting %,d receivers over WebSocket, %d per node%n",
                BenchKit.seconds(System.nanoTime() - t0), receivers, receivers / n);
        keys = BenchKit.sessionKeys(runId, receivers);
        sockets = new WsClients(hosts, keys, tokens, this::frame, new Events(), sources);
        reconnector = Executors.newScheduledThreadPool(8, Thread.ofPlatform().daemon().name("cluster-reconnect-", 0).factory());
        Thread selector = Thread.ofPlatform().name("cluster-receivers").start(sockets);
        try {
            awaitSessions();
            Thread.sleep(2_000); // the presence writers publish the new sessions in batches; let every node learn them
            RedisCommandStats idle = idle();
            run(app, runId, idle);
        } finally {
            stopping = true;
            reconnector.shutdownNow();
            sockets.stop();
            selector.join(10_000);
        }
        return 0;
    }

    /**
     * Waits until every receiver is connected (a session refused during the set-up, e.g. when a node's database
     * pool timed out under the burst of handshakes, tries its node again, as a client would); at most 5 minutes.
     */
    private void awaitSessions() throws InterruptedException {
        long until = System.nanoTime() + 300_000_000_000L;
        while (sockets.ready.get() < receivers && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        if (sockets.ready.get() < receivers) {
            throw new IllegalStateException("only " + sockets.ready.get() + " of " + receivers + " sessions connected");
        }
        setUp = false;
        console.printf("%,d sessions ready (%d handshakes refused and retried)%n", receivers, setupRetries.get());
    }

    private void check() throws IOException {
        if (apis.size() != gateways.size() || apis.isEmpty()) {
            throw new IllegalArgumentException("--api and --ws name the same nodes, at least one");
        }
        if (receivers < 1 || connections < 1 || seconds < 1 || warmup < 0 || drain < 0 || timeoutSeconds < 1
                || progressSeconds < 1 || idleSeconds < 1 || resumeTimeout < 1 || !(rate > 0)) {
            throw new IllegalArgumentException("--rate, --receivers, --connections, --seconds, --timeout, --progress,"
                    + " --idle and --resume-timeout must be above 0; --warmup and --drain at least 0");
        }
        if (killPid != null && (killNode < 1 || killNode > apis.size() || killAt < 0 || killAt >= seconds)) {
            throw new IllegalArgumentException("--kill-node must be 1 .. the number of nodes, --kill-at 0 .. --seconds - 1");
        }
        if (serverPids != null && serverPids.size() != apis.size()) {
            throw new IllegalArgumentException("--server-pids names one process per node");
        }
        List<String> all = new ArrayList<>(apis);
        all.addAll(gateways);
        all.add(admin);
        if (redis != null) {
            all.add(redis);
        }
        for (String a : all) {
            requireLoopback(a);
        }
    }

    private static void requireLoopback(String hostPort) throws IOException {
        if (!InetAddress.getByName(BenchKit.host(hostPort)).isLoopbackAddress()) {
            throw new IllegalArgumentException(hostPort + " is not a loopback address: this tool targets this machine only");
        }
    }

    /**
     * {@code --idle} seconds with every session connected and nothing sent: prints the nodes' CPU share then (what
     * they spend on holding the sessions); returns the Redis counters' growth per second, null without Redis.
     */
    private RedisCommandStats idle() throws IOException, InterruptedException {
        RedisCommandStats before = redis == null ? null : RedisCommandStats.read(redis);
        List<ServerProbe> probes = new ArrayList<>();
        if (serverPids != null) {
            serverPids.forEach(pid -> probes.add(ServerProbe.of(pid, clockTicks)));
        }
        Long[] cpu = new Long[probes.size()];
        for (int i = 0; i < cpu.length; i++) {
            cpu[i] = probes.get(i).cpuMicros();
        }
        long t = System.nanoTime();
        Thread.sleep(idleSeconds * 1000L);
        double dt = (System.nanoTime() - t) / 1e9;
        StringBuilder shares = new StringBuilder();
        for (int i = 0; i < cpu.length; i++) {
            Long now = probes.get(i).cpuMicros();
            shares.append(i == 0 ? "" : ", ").append(now == null || cpu[i] == null ? "n/a"
                    : String.format(Locale.ROOT, "%.0f %%", (now - cpu[i]) / dt / 1e4));
        }
        idleCpu = shares.toString();
        console.printf("idle for %d s: server CPU per node %s%n", idleSeconds, idleCpu.isEmpty() ? "n/a" : idleCpu);
        if (before == null) {
            return null;
        }
        RedisCommandStats idle = RedisCommandStats.read(redis).minus(before).scaled(1 / dt);
        console.printf(Locale.ROOT, "Redis idle: %d commands/s%n", idle.total());
        return idle;
    }

    private void run(String app, String runId, RedisCommandStats idle) throws Exception {
        int n = apis.size();
        long start = System.nanoTime() + 1_000_000_000L;
        RateSchedule schedule = new RateSchedule(start, rate);
        int warm = (int) schedule.countWithin(warmup);
        int total = (int) schedule.countWithin(warmup + seconds);
        recipient = new AtomicIntegerArray(total);
        acceptedBy = new AtomicIntegerArray(total);
        ackedId = new AtomicReferenceArray<>(total);
        frameId = new AtomicReferenceArray<>(total);
        copies = new AtomicIntegerArray(total);
        ledger = new StepLedger(0, schedule, warm, total, 1, n);
        long windowStart = schedule.intendedAt(warm);
        long windowEnd = start + (long) (warmup + seconds) * 1_000_000_000L;
        long giveUpAt = windowEnd + drain * 1_000_000_000L;
        long killAtNanos = windowStart + killAt * 1_000_000_000L;
        FixedRateSender sender = new FixedRateSender(ledger, FixedRateSender.Clock.SYSTEM, giveUpAt);
        List<Lane> lanes = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            lanes.add(new Lane(app, runId));
        }
        console.printf(Locale.ROOT, "%nsending %,.0f pushes/s to %d node(s) for %d s after %d s of warm-up%s%n", rate, n,
                seconds, warmup, killPid == null ? "" : ", SIGKILL of node " + killNode + " " + killAt + " s into the window");
        Thread senders = Thread.ofPlatform().name("cluster-senders").start(() -> {
            try {
                sender.driveAll(lanes, "cluster-lane");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<ServerProbe> probes = new ArrayList<>();
        if (serverPids != null) {
            serverPids.forEach(pid -> probes.add(ServerProbe.of(pid, clockTicks)));
        }
        Long[] cpu0 = new Long[n];
        Long[] cpu1 = new Long[n];
        long[] machine0 = null;
        long[] machine1 = null;
        RedisCommandStats redis0 = null;
        RedisCommandStats redis1 = null;
        boolean started = false;
        boolean ended = false;
        boolean killed = killPid == null;
        long resumeDeadline = Long.MAX_VALUE;
        long nextProgress = System.nanoTime() + progressSeconds * 1_000_000_000L;
        long lastFrames = 0;
        long lastAt = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            if (!started && now >= windowStart) {
                started = true;
                redis0 = redis == null ? null : RedisCommandStats.read(redis);
                for (int i = 0; i < probes.size(); i++) {
                    cpu0[i] = probes.get(i).cpuMicros();
                }
                machine0 = machineTicks();
            }
            if (!killed && now >= killAtNanos) {
                killed = true;
                kill();
                resumeDeadline = killedAt.get() + resumeTimeout * 1_000_000_000L;
            }
            if (!ended && now >= windowEnd) {
                ended = true;
                redis1 = redis == null ? null : RedisCommandStats.read(redis);
                for (int i = 0; i < probes.size(); i++) {
                    cpu1[i] = probes.get(i).cpuMicros();
                }
                machine1 = machineTicks();
            }
            if (now >= nextProgress) {
                long frames = ledger.frames.sum();
                console.printf(Locale.ROOT, "  %4.0f s  sent %,d  acked %,d  errors %d  frames %,.0f/s  sessions live %,d"
                                + "  reconnecting %d%n", (now - start) / 1e9, ledger.sent.sum(), ledger.acked.sum(),
                        ledger.refused.sum() + ledger.failed.sum(), (frames - lastFrames) / ((now - lastAt) / 1e9),
                        sockets.ready.get() - sockets.closedByServer.get(), reconnecting.get());
                lastFrames = frames;
                lastAt = now;
                nextProgress += progressSeconds * 1_000_000_000L;
            }
            if (ended && !senders.isAlive()) {
                boolean resuming = reconnecting.get() > 0 && now < resumeDeadline;
                long lastChance = Math.max(giveUpAt, lastResumeAt.get() + drain * 1_000_000_000L);
                if (!resuming && (allAckedArrived() || now >= lastChance)) {
                    break;
                }
            }
            Thread.sleep(20);
        }
        stopping = true;
        lanes.forEach(Lane::close);
        report(n, idle, redis0, redis1, cpu0, cpu1, machine0, machine1);
    }

    /** Busy and total clock ticks of every CPU of this machine so far (first line of /proc/stat); null if unreadable. */
    private static long[] machineTicks() {
        try {
            return busyAndTotal(java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** From {@code cpu user nice system idle iowait irq softirq steal …}: {busy, total}, idle and iowait not busy. */
    static long[] busyAndTotal(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < Math.min(f.length, 9); i++) {
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
        return new long[] {total - idle, total};
    }

    private boolean allAckedArrived() {
        for (int k = 0; k < copies.length(); k++) {
            if (ackedId.get(k) != null && copies.get(k) == 0) {
                return false;
            }
        }
        return true;
    }

    private void kill() {
        long orphans = 0;
        for (int i = 0; i < receivers; i++) {
            if (nodeOf[i] == killNode - 1) {
                orphans++;
            }
        }
        killedAt.set(System.nanoTime());
        boolean sent = ProcessHandle.of(killPid).map(ProcessHandle::destroyForcibly).orElse(false);
        console.printf("  SIGKILL node %d (pid %d)%s: %,d sessions there%n", killNode, killPid,
                sent ? "" : " FAILED, no such process", orphans);
    }

    // ---- receiving

    /** The receivers' sink, on the selector thread: the cursor, and the frames of our pushes. */
    private void frame(int session, byte[] bytes, int from, int len, long now) {
        long mid = midOf(bytes, from, len);
        if (mid > lastMid.get(session)) {
            lastMid.set(session, mid);
        }
        int k = messageOf(bytes, from, len);
        if (k < 0 || k >= copies.length()) {
            return;
        }
        ledger.frame(0, k, now);
        lastFrameAt.set(now);
        if (copies.incrementAndGet(k) > 1) {
            return; // a duplicate: the ledger counts it
        }
        frameId.set(k, msgIdOf(bytes, from, len));
        if (recipient.get(k) != session) {
            misdelivered.increment();
        }
        if (!ledger.measured(k)) {
            return;
        }
        long micros = Math.max(0, (now - ledger.schedule().intendedAt(k)) / 1000);
        if (generation[session] > 0) {
            resumed.recordValue(micros);
        } else if (acceptedBy.get(k) - 1 == nodeOf[session]) {
            sameNode.recordValue(micros);
        } else {
            crossNode.recordValue(micros);
        }
    }

    /** The {@code mid} of a {@code ver=1} frame ({@code …,"mid":N,"gid":0}}), 0 when it has none. */
    static long midOf(byte[] bytes, int from, int len) {
        int at = lastIndexOf(bytes, from, from + len, ",\"mid\":".getBytes(StandardCharsets.US_ASCII));
        if (at < 0) {
            return 0;
        }
        long mid = 0;
        for (int i = at + 7; i < from + len && bytes[i] >= '0' && bytes[i] <= '9'; i++) {
            mid = mid * 10 + bytes[i] - '0';
        }
        return mid;
    }

    /** The message number {@code k} of {@code clb|k|} in a frame, -1 when it is not ours. */
    static int messageOf(byte[] bytes, int from, int len) {
        byte[] mark = MARK.getBytes(StandardCharsets.US_ASCII);
        int at = lastIndexOf(bytes, from, from + len, mark);
        if (at < 0) {
            return -1;
        }
        long k = 0;
        int i = at + mark.length;
        for (; i < from + len && bytes[i] >= '0' && bytes[i] <= '9'; i++) {
            k = k * 10 + bytes[i] - '0';
        }
        return i == at + mark.length || k > Integer.MAX_VALUE ? -1 : (int) k;
    }

    /** The message's {@code msgId} in a frame, null when it has none. */
    static String msgIdOf(byte[] bytes, int from, int len) {
        Matcher m = Pattern.compile("\"msgId\":\"?(\\d+)").matcher(new String(bytes, from, len, StandardCharsets.UTF_8));
        return m.find() ? m.group(1) : null;
    }

    private static int lastIndexOf(byte[] bytes, int from, int to, byte[] what) {
        outer:
        for (int i = to - what.length; i >= from; i--) {
            for (int j = 0; j < what.length; j++) {
                if (bytes[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A session closed after the kill reconnects as a client does; the selector thread tells, must not block. */
    private final class Events implements WsClients.SessionEvents {
        @Override
        public void ready(int session) {
            if (awaitingResume[session]) {
                awaitingResume[session] = false;
                generation[session]++;
                reconnected.incrementAndGet();
                reconnecting.decrementAndGet();
                lastResumeAt.set(System.nanoTime());
            }
        }

        @Override
        public void closed(int session) {
            if (stopping) {
                return;
            }
            if (killedAt.get() != 0 && nodeOf[session] == killNode - 1) {
                orphaned.incrementAndGet();
            }
            awaitingResume[session] = true;
            attempts[session] = 0;
            reconnecting.incrementAndGet();
            schedule(session, 0);
        }

        @Override
        public void failed(int session, String why) {
            if (setUp && !awaitingResume[session]) { // the first connection: again at the same node, a second later
                setupRetries.incrementAndGet();
                reconnector.schedule(() -> sockets.reconnect(session, gateways.get(nodeOf[session]), -1),
                        500 + ThreadLocalRandom.current().nextInt(1000), TimeUnit.MILLISECONDS);
                return;
            }
            if (!awaitingResume[session] || stopping) {
                return;
            }
            if (killedAt.get() != 0 && System.nanoTime() > killedAt.get() + resumeTimeout * 1_000_000_000L) {
                awaitingResume[session] = false;
                reconnecting.decrementAndGet();
                gaveUp.incrementAndGet();
                return;
            }
            schedule(session, ++attempts[session]);
        }

        /** Reconnect attempt {@code attempt}: at once, then after 250 ms doubling to 4 s, ±25 %. */
        private void schedule(int session, int attempt) {
            long delay = attempt == 0 ? 0 : (long) (Math.min(4000, 250L << Math.min(4, attempt - 1))
                    * (0.75 + ThreadLocalRandom.current().nextDouble(0.5)));
            long mid = lastMid.get(session);
            reconnector.schedule(() -> reconnect(session, mid), delay, TimeUnit.MILLISECONDS);
        }
    }

    /** Asks a node still answering where {@code session} should go, and reconnects it there after {@code mid}. */
    private void reconnect(int session, long mid) {
        int n = apis.size();
        int first = ThreadLocalRandom.current().nextInt(n);
        for (int j = 0; j < n && !stopping; j++) {
            int node = (first + j) % n;
            if (down[node]) {
                continue;
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + apis.get(node)
                                + "/1/server/get?p=1&k=" + keys[session])).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                Matcher m = SERVER.matcher(r.body());
                if (!m.find()) {
                    continue;
                }
                String to = m.group(1);
                requireLoopback(to);
                int at = gateways.indexOf(to);
                nodeOf[session] = at; // -1: an address we do not know; its frames count as cross-node
                reconnectAttempts.increment();
                sockets.reconnect(session, to, mid);
                return;
            } catch (ConnectException e) {
                markDown(node);
            } catch (IOException | RuntimeException e) {
                // try the next node
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (stopping) {
            return;
        }
        if (killedAt.get() != 0 && System.nanoTime() > killedAt.get() + resumeTimeout * 1_000_000_000L) {
            reconnecting.decrementAndGet();
            gaveUp.incrementAndGet();
        } else { // no node answered: ask again in a second
            reconnector.schedule(() -> reconnect(session, mid), 1, TimeUnit.SECONDS);
        }
    }

    private synchronized void markDown(int node) {
        boolean[] d = down.clone();
        d[node] = true;
        down = d;
    }

    // ---- sending

    /** One sending lane: a keep-alive connection to every node; each push goes to a node picked at random. */
    private final class Lane implements FixedRateSender.Lane {
        private final RawHttp[] nodes;
        private final String prefix;
        private final String runId;
        private final AtomicInteger logged = new AtomicInteger();

        Lane(String app, String runId) {
            this.nodes = new RawHttp[apis.size()];
            for (int i = 0; i < nodes.length; i++) {
                nodes[i] = new RawHttp(BenchKit.host(apis.get(i)), BenchKit.port(apis.get(i)), timeoutSeconds * 1000);
            }
            this.prefix = "{\"baseRequest\":{\"token\":\"" + app + "\"},\"toUserNames\":[\"";
            this.runId = runId;
        }

        @Override
        public FixedRateSender.Answer send(int k) throws IOException {
            int node = pickNode();
            int to = ThreadLocalRandom.current().nextInt(receivers);
            recipient.set(k, to);
            acceptedBy.set(k, node + 1);
            String answer;
            try {
                answer = nodes[node].post("/app/client/app/user/push", prefix + runId + "-u" + to
                        + "@user\"],\"msgType\":1,\"content\":\"" + MARK + k + "|\"}");
            } catch (ConnectException e) {
                markDown(node); // as a client does: this node refuses connections, send elsewhere from now on
                throw e;
            }
            boolean accepted = answer.contains("\"ret\":0");
            if (accepted) {
                Matcher m = MSG_ID.matcher(answer);
                ackedId.set(k, m.find() ? m.group(1) : "");
            } else if (logged.getAndIncrement() < 3) {
                console.println("  refused: " + BenchKit.clip(answer));
            }
            return new FixedRateSender.Answer(node, accepted);
        }

        private int pickNode() {
            boolean[] d = down;
            int n = d.length;
            int first = ThreadLocalRandom.current().nextInt(n);
            for (int j = 0; j < n; j++) {
                if (!d[(first + j) % n]) {
                    return (first + j) % n;
                }
            }
            return first; // every node refused once: try anyway, the request fails and counts
        }

        void close() {
            for (RawHttp h : nodes) {
                h.close();
            }
        }
    }

    // ---- results

    private void report(int n, RedisCommandStats idle, RedisCommandStats r0, RedisCommandStats r1, Long[] cpu0, Long[] cpu1,
                        long[] machine0, long[] machine1) {
        StepLedger.Tally t = ledger.tally();
        long ackedAll = 0;
        long lost = 0;
        long wrongId = 0;
        long failedArrived = 0;
        for (int k = 0; k < copies.length(); k++) {
            String id = ackedId.get(k);
            if (id != null) {
                ackedAll++;
                if (copies.get(k) == 0) {
                    lost++;
                } else if (!id.equals(frameId.get(k))) {
                    wrongId++;
                }
            }
        }
        long failedAll = ledger.failed.sum();
        for (int k = 0; k < copies.length(); k++) {
            if (ackedId.get(k) == null && copies.get(k) > 0) {
                failedArrived++; // sent, not acknowledged (the node died mid-request), delivered all the same
            }
        }
        double window = seconds;
        Histogram same = sameNode.getIntervalHistogram();
        Histogram cross = crossNode.getIntervalHistogram();
        Histogram afterResume = resumed.getIntervalHistogram();
        String title = label.isEmpty() ? n + " node(s)" : label;
        console.println();
        console.printf("== %s: %,d receivers, %,.0f pushes/s offered, %d s measured%n", title, receivers, rate, seconds);
        console.println("| Figure | Value |");
        console.println("|---|---|");
        row("pushes in the window: sent / acked / refused / failed / unsent", String.format(Locale.ROOT, "%,d / %,d / %,d / %,d / %,d",
                t.sent(), t.acked(), t.refused(), t.failed(), t.unsent()));
        row("delivered (frames of measured pushes, per second)", String.format(Locale.ROOT, "%,.0f/s (%,d frames)",
                t.receivedFrames() / window, t.receivedFrames()));
        long framesAll = 0;
        for (int k = 0; k < copies.length(); k++) {
            framesAll += Math.min(1, copies.get(k));
        }
        double runSeconds = Math.max(1e-9, (lastFrameAt.get() - ledger.schedule().startNanos()) / 1e9);
        row("whole run (warm-up included): pushes delivered per second, first intended send to last frame",
                lastFrameAt.get() == 0 ? "n/a" : String.format(Locale.ROOT, "%,.0f/s (%,d in %.0f s)",
                        framesAll / runSeconds, framesAll, runSeconds));
        row("delivery p50 / p99, all", ms(t.delivery()));
        row("delivery p50 / p99, same-node (" + same.getTotalCount() + " frames)", ms(same));
        row("delivery p50 / p99, cross-node (" + cross.getTotalCount() + " frames)", ms(cross));
        if (killPid != null) {
            row("delivery p50 / p99, to resumed sessions (" + afterResume.getTotalCount() + " frames)", ms(afterResume));
        }
        for (int i = 0; i < t.requestByRoute().length; i++) {
            row("push answer p50 / p99 at node " + (i + 1), ms(t.requestByRoute()[i]));
        }
        if (cpu0[0] != null || serverPids != null) {
            long sum = 0;
            StringBuilder each = new StringBuilder();
            for (int i = 0; i < n; i++) {
                Long d = cpu0[i] == null || cpu1[i] == null ? null : cpu1[i] - cpu0[i];
                each.append(i == 0 ? "" : ", ").append(d == null ? "n/a" : String.format(Locale.ROOT, "%.0f %%", d / window / 1e4));
                sum += d == null ? 0 : d;
            }
            row("server CPU per node (share of one core)", each + (idleCpu.isEmpty() ? "" : "; idle before: " + idleCpu));
            row("server CPU per acked push, all nodes", t.acked() == 0 ? "n/a"
                    : String.format(Locale.ROOT, "%,.0f µs%s", sum / (double) t.acked(), killPid == null ? "" : " (the killed node counts until it died only: n/a above)"));
        }
        if (machine0 != null && machine1 != null && machine1[1] > machine0[1]) {
            row("machine CPU busy in the window (all " + Runtime.getRuntime().availableProcessors()
                    + " cores, every process)", String.format(Locale.ROOT, "%.0f %%",
                    100.0 * (machine1[0] - machine0[0]) / (machine1[1] - machine0[1])));
        }
        if (idle != null && r0 != null && r1 != null) {
            RedisCommandStats load = r1.minus(r0).minus(idle.scaled(window));
            double per = t.acked() == 0 ? 0 : 1.0 / t.acked();
            row("Redis commands per acked push (idle " + idle.total() + "/s subtracted)",
                    String.format(Locale.ROOT, "%.2f", load.total() * per));
            StringBuilder top = new StringBuilder();
            load.calls().entrySet().stream().filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(5)
                    .forEach(e -> top.append(top.isEmpty() ? "" : ", ").append(e.getKey())
                            .append(String.format(Locale.ROOT, " %.2f", e.getValue() * per)));
            row("of which, per push", top.isEmpty() ? "none" : top.toString());
        }
        row("whole run: acked / lost (acked, never received) / duplicates / wrong msgId / misdelivered",
                String.format(Locale.ROOT, "%,d / %,d / %,d / %,d / %,d", ackedAll, lost, t.duplicates(), wrongId,
                        misdelivered.sum()));
        row("whole run: failed requests / of them delivered anyway", failedAll + " / " + failedArrived);
        if (killPid != null) {
            long resumeMs = lastResumeAt.get() == 0 ? -1 : (lastResumeAt.get() - killedAt.get()) / 1_000_000;
            row("sessions closed by the kill / reconnected / gave up", String.format(Locale.ROOT, "%,d / %,d / %,d",
                    orphaned.get(), reconnected.get(), gaveUp.get()));
            row("time from the kill until every session resumed", reconnecting.get() > 0 || resumeMs < 0
                    ? "not all resumed (" + reconnecting.get() + " still trying)"
                    : String.format(Locale.ROOT, "%.1f s (%,d connection attempts)", resumeMs / 1000.0, reconnectAttempts.sum()));
        }
        console.printf("RESULT %s lost=%d duplicates=%d%n", title, lost, t.duplicates());
    }

    private void row(String name, String value) {
        console.printf("| %s | %s |%n", name, value);
    }

    private static String ms(Histogram h) {
        return h.getTotalCount() == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f / %.1f ms",
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0);
    }
}

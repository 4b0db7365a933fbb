package org.appmsg.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The open-loop rate ladder against a running server (PRODUCT.md §5's way of measuring): provisions a tenant and
 * an application, syncs and signs in {@code --receivers} users and connects each over WebSocket, then climbs
 * {@code --rates}. Each step sends at a fixed rate for {@code --warmup} (the first step {@code --first-warmup}, while
 * the server's JIT compiles) + {@code --seconds} seconds, one HTTP request per message over {@code --connections} keep-alive connections, each message due at its intended time
 * ({@link RateSchedule}); latency runs from that intended time to the frame's arrival at the receiver, so a stall
 * is charged to every message it delayed. After the window, {@code --drain} seconds let late frames arrive; what
 * has not arrived by then is lost. A step passes with no loss, no error, nothing left unsent and delivery p99 within
 * {@code --p99-limit}; the ladder stops at the first step that does not ({@link Ladder}).
 *
 * <p>Scenarios: {@code unicast} sends each message to one receiver picked at random, alternating between the
 * application route {@code /app/client/app/user/push} and the device route {@code /app/client/device/push} (one
 * distinct sending user per connection), or only one of them with {@code --routes}; rates are messages/s.
 * {@code group} has the application push to {@code {qid}@qun}, a group of the first {@code --group-size}
 * receivers; rates are frames/s (messages/s × members). {@code --expire 0} makes every message live-only.
 *
 * <p>Every loop ends by itself: a step's sends stop by the end of its drain, requests time out after
 * {@code --timeout} seconds, the set-up waits at most five minutes for the sessions. Only the given addresses are
 * targeted.
 */
@Command(name = "openloop", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Open-loop rate ladder: fixed-rate sends, latency from the intended send time, 10,000 receivers.")
final class OpenLoopBench implements Callable<Integer> {

    /** Marks a frame of ours: {@code olb|<step>|<message>|}. */
    static final String MARK = "olb|";
    private static final byte[] MARK_BYTES = MARK.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final List<Double> UNICAST_RATES = List.of(1000.0, 2000.0, 5000.0, 10000.0, 15000.0, 20000.0);
    private static final List<Double> GROUP_RATES = List.of(50000.0, 100000.0, 200000.0, 300000.0, 400000.0);

    @Option(names = "--api", defaultValue = "127.0.0.1:8090", description = "HTTP API host:port")
    String api;
    @Option(names = "--ws", defaultValue = "127.0.0.1:6968", description = "WebSocket gateway host:port")
    String ws;
    @Option(names = "--admin", defaultValue = "127.0.0.1:8091", description = "admin listener host:port")
    String admin;
    @Option(names = "--admin-key", required = true, description = "the server's admin key")
    String adminKey;
    @Option(names = "--scenario", defaultValue = "unicast", description = "unicast or group (default ${DEFAULT-VALUE})")
    String scenario;
    @Option(names = "--routes", defaultValue = "app,device", split = ",",
            description = "unicast routes, in turn: app, device (default ${DEFAULT-VALUE})")
    List<String> routes;
    @Option(names = "--rates", split = ",", description = "ladder steps, ascending (default unicast "
            + "1000,2000,5000,10000,15000,20000 messages/s; group 50000,100000,200000,300000,400000 frames/s)")
    List<Double> rates;
    @Option(names = "--receivers", defaultValue = "10000", description = "users connected over WebSocket (default ${DEFAULT-VALUE})")
    int receivers;
    @Option(names = "--connections", defaultValue = "32", description = "keep-alive sending connections (default ${DEFAULT-VALUE})")
    int connections;
    @Option(names = "--group-size", defaultValue = "1000", description = "group members, the first receivers (default ${DEFAULT-VALUE})")
    int groupSize;
    @Option(names = "--expire", description = "message expire in seconds; 0 = live only (default: the server's, durable)")
    Integer expire;
    @Option(names = "--warmup", defaultValue = "5", description = "seconds of warm-up per step (default ${DEFAULT-VALUE})")
    int warmup;
    @Option(names = "--first-warmup", defaultValue = "20",
            description = "seconds of warm-up of the first step, while the server's JIT compiles (default ${DEFAULT-VALUE})")
    int firstWarmup;
    @Option(names = "--seconds", defaultValue = "20", description = "measured seconds per step (default ${DEFAULT-VALUE})")
    int seconds;
    @Option(names = "--drain", defaultValue = "10", description = "seconds after a step for late frames (default ${DEFAULT-VALUE})")
    int drain;
    @Option(names = "--p99-limit", defaultValue = "100", description = "delivery p99 a step may reach, ms (default ${DEFAULT-VALUE})")
    double p99LimitMs;
    @Option(names = "--timeout", defaultValue = "30", description = "seconds a request may wait for its answer (default ${DEFAULT-VALUE})")
    int timeoutSeconds;
    @Option(names = "--progress", defaultValue = "5", description = "seconds between progress lines (default ${DEFAULT-VALUE})")
    int progressSeconds;
    @Option(names = "--server-pid", description = "the server's process id, for its CPU time and RSS")
    String serverPid;
    @Option(names = "--server-cpus", defaultValue = "", description = "the CPUs the server is pinned to, for the results")
    String serverCpus;
    @Option(names = "--clock-ticks", defaultValue = "100", description = "the kernel's clock ticks per second, getconf CLK_TCK (default ${DEFAULT-VALUE})")
    long clockTicks;
    @Option(names = "--build", defaultValue = "current", description = "label of the server build, for the results (default ${DEFAULT-VALUE})")
    String build;
    @Option(names = "--store", defaultValue = "", description = "label of the server's store, for the results")
    String store;
    @Option(names = "--run", defaultValue = "1", description = "the run's number, for the results (default ${DEFAULT-VALUE})")
    int run;
    @Option(names = "--out", defaultValue = "bench/results/", description = "JSON file, or directory for one (default ${DEFAULT-VALUE})")
    Path out;
    @Option(names = "--plot", description = "SVG file (default: the JSON file's name with .svg)")
    Path plot;
    @Option(names = "--sources", defaultValue = "4", description = "loopback source addresses for the receivers (default ${DEFAULT-VALUE})")
    int sources;
    @Option(names = "--setup-clients", defaultValue = "32", description = "connections that sync and sign in users (default ${DEFAULT-VALUE})")
    int setupClients;

    private final PrintStream console = System.out;
    private volatile StepLedger current;
    private WsClients sockets;

    @Override
    public Integer call() throws Exception {
        check();
        String startedAt = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
        BenchKit.Target target = new BenchKit.Target(Map.of("api", api, "admin", admin, "admin-key", adminKey));
        String runId = "o" + Long.toString(System.currentTimeMillis(), 36);
        Setup setup = setUp(target, runId);
        Thread selector = Thread.ofPlatform().name("openloop-receivers").start(sockets);
        Ladder.Outcome outcome;
        try {
            awaitSessions();
            String qun = isGroup() ? target.createGroup(runId, setup.receiverTokens[0], groupSize) : null;
            if (qun != null) {
                console.printf("group %s of %d members created%n", qun, groupSize);
            }
            ServerProbe server = serverPid == null ? null : ServerProbe.of(serverPid, clockTicks);
            ServerProbe self = ServerProbe.of("self", clockTicks);
            outcome = Ladder.climb(effectiveRates(), new LadderPolicy(p99LimitMs),
                    (index, rate) -> step(index, rate, target, setup, runId, qun, server, self));
        } finally {
            sockets.stop();
            selector.join(10_000);
        }
        RunRecord record = new RunRecord(scenario, unit(), build, store, run, startedAt, settings(), outcome.steps(),
                outcome.highestPassing());
        Path json = ResultsJson.write(record, out);
        LadderSummary summary = LadderSummary.of(List.of(record));
        console.println();
        console.print(ResultTable.render(List.of(summary)));
        Path svg = plot != null ? plot : Path.of(json.toString().replaceFirst("\\.json$", "") + ".svg");
        LatencyPlot.write(svg, title(), List.of(summary), p99LimitMs);
        console.printf("results: %s%nplot: %s%n", json, svg);
        return 0;
    }

    private void check() {
        if (!scenario.equals("unicast") && !scenario.equals("group")) {
            throw new IllegalArgumentException("--scenario is unicast or group");
        }
        for (String r : routes) {
            if (!r.equals("app") && !r.equals("device")) {
                throw new IllegalArgumentException("--routes takes app and/or device, got " + r);
            }
        }
        if (receivers < 1 || connections < 1 || seconds < 1 || warmup < 0 || firstWarmup < 0 || drain < 0
                || timeoutSeconds < 1 || progressSeconds < 1) {
            throw new IllegalArgumentException("--receivers, --connections, --seconds, --timeout and --progress must be"
                    + " at least 1; --warmup, --first-warmup and --drain at least 0");
        }
        if (isGroup() && (groupSize < 2 || groupSize > receivers)) {
            throw new IllegalArgumentException("--group-size must be 2 .. --receivers");
        }
        Ladder.checkRates(effectiveRates());
    }

    private boolean isGroup() {
        return scenario.equals("group");
    }

    private List<Double> effectiveRates() {
        return rates != null ? rates : isGroup() ? GROUP_RATES : UNICAST_RATES;
    }

    private String unit() {
        return isGroup() ? "frames/s" : "messages/s";
    }

    private String title() {
        return String.format(Locale.ROOT, "%s%s, %d receivers%s: delivery latency vs offered rate", scenario,
                isGroup() ? " (" + groupSize + " members)" : " (" + String.join("+", routes) + ")", receivers,
                expire != null && expire == 0 ? ", live only" : "");
    }

    /** The tokens the ladder needs: the application's, each receiver's and (device route) each sender's. */
    private record Setup(String app, String[] receiverTokens, String[] senderTokens) {
    }

    private Setup setUp(BenchKit.Target target, String runId) throws Exception {
        long t0 = System.nanoTime();
        String app = target.serverApi.provision(runId);
        console.printf("run %s: syncing %d receivers%n", runId, receivers);
        target.syncUsers(app, runId, receivers, receivers, null, setupClients);
        console.printf("signing in %d receivers%n", receivers);
        String[] receiverTokens = target.logIn(runId, receivers, setupClients);
        String[] senderTokens = new String[0];
        if (!isGroup() && routes.contains("device")) {
            // one sending user per connection: distinct senders, as many devices push at once
            target.syncUsers(app, runId + "s", connections, connections, null, setupClients);
            senderTokens = target.logIn(runId + "s", connections, setupClients);
        }
        console.printf("set-up took %s s; connecting %d receivers over WebSocket%n",
                BenchKit.seconds(System.nanoTime() - t0), receivers);
        sockets = new WsClients(ws, BenchKit.sessionKeys(runId, receivers), receiverTokens, this::frame, sources);
        return new Setup(app, receiverTokens, senderTokens);
    }

    private void awaitSessions() throws InterruptedException {
        long until = System.nanoTime() + 300_000_000_000L;
        long nextLine = System.nanoTime();
        while (sockets.ready.get() + sockets.failed.get() < receivers && System.nanoTime() < until) {
            if (System.nanoTime() >= nextLine) {
                console.printf("  %,d of %,d sessions ready (%d failed)%n", sockets.ready.get(), receivers,
                        sockets.failed.get());
                nextLine += progressSeconds * 1_000_000_000L;
            }
            Thread.sleep(100);
        }
        if (sockets.ready.get() != receivers) {
            throw new IllegalStateException("only " + sockets.ready.get() + " of " + receivers
                    + " sessions connected (" + sockets.failed.get() + " failed)");
        }
        console.printf("%,d sessions ready%n", receivers);
    }

    /** The receivers' sink: {@code olb|<step>|<k>|} anywhere in the frame, on the selector thread. */
    private void frame(byte[] bytes, int from, int len, long now) {
        StepLedger ledger = current;
        int at = indexOf(bytes, from, from + len);
        if (ledger == null || at < 0) {
            return;
        }
        int i = at + MARK_BYTES.length;
        int end = from + len;
        long step = 0;
        for (; i < end && bytes[i] >= '0' && bytes[i] <= '9'; i++) {
            step = step * 10 + bytes[i] - '0';
        }
        long k = 0;
        for (i++; i < end && bytes[i] >= '0' && bytes[i] <= '9'; i++) {
            k = k * 10 + bytes[i] - '0';
        }
        ledger.frame((int) step, k, now);
    }

    private static int indexOf(byte[] bytes, int from, int to) {
        outer:
        for (int i = from; i <= to - MARK_BYTES.length; i++) {
            for (int j = 0; j < MARK_BYTES.length; j++) {
                if (bytes[i + j] != MARK_BYTES[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Runs one step at {@code rate} (the scenario's unit) and measures its window. */
    private StepResult step(int index, double rate, BenchKit.Target target, Setup setup, String runId, String qun,
                            ServerProbe server, ServerProbe self) throws Exception {
        int copies = isGroup() ? groupSize : 1;
        double messageRate = rate / copies;
        List<String> routeNames = isGroup() ? List.of("group") : routes;
        int warmSeconds = index == 0 ? Math.max(warmup, firstWarmup) : warmup;
        long start = System.nanoTime() + 1_000_000_000L; // a second to start the lanes
        RateSchedule schedule = new RateSchedule(start, messageRate);
        int warm = (int) schedule.countWithin(warmSeconds);
        int total = (int) schedule.countWithin(warmSeconds + seconds);
        StepLedger ledger = new StepLedger(index, schedule, warm, total, copies, routeNames.size());
        long windowStart = schedule.intendedAt(warm);
        long windowEnd = start + (long) (warmSeconds + seconds) * 1_000_000_000L;
        long giveUpAt = windowEnd + drain * 1_000_000_000L;
        FixedRateSender sender = new FixedRateSender(ledger, FixedRateSender.Clock.SYSTEM, giveUpAt);
        List<PushLane> lanes = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            lanes.add(new PushLane(target, setup, runId, c, index, routeNames, qun));
        }
        int closedBefore = sockets.closedByServer.get();
        current = ledger;
        console.printf("%nstep %d: %,.0f %s (%,.1f messages/s) for %d s after %d s of warm-up, %d connections%n",
                index + 1, rate, unit(), messageRate, seconds, warmSeconds, connections);
        Thread senders = Thread.ofPlatform().name("openloop-senders").start(() -> {
            try {
                sender.driveAll(lanes, "openloop-lane");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Long serverCpu0 = null;
        Long serverCpu1 = null;
        Long selfCpu0 = null;
        Long selfCpu1 = null;
        Long rss = null;
        Long heap = null;
        boolean windowStarted = false;
        boolean windowEnded = false;
        long expected = -1;
        Progress progress = new Progress(ledger, copies);
        long nextProgress = System.nanoTime() + progressSeconds * 1_000_000_000L;
        while (true) {
            long now = System.nanoTime();
            if (!windowStarted && now >= windowStart) {
                windowStarted = true;
                serverCpu0 = server == null ? null : server.cpuMicros();
                selfCpu0 = self.cpuMicros();
            }
            if (!windowEnded && now >= windowEnd) {
                windowEnded = true;
                serverCpu1 = server == null ? null : server.cpuMicros();
                selfCpu1 = self.cpuMicros();
                rss = server == null ? null : server.rssMb();
                heap = heapMb(target);
            }
            if (now >= nextProgress) {
                console.println(progress.line(now, start, windowStart, windowEnd));
                nextProgress += progressSeconds * 1_000_000_000L;
            }
            if (windowEnded && !senders.isAlive()) {
                if (expected < 0) {
                    expected = ledger.expectedMeasuredFrames();
                }
                if (ledger.measuredFrames() >= expected || now >= giveUpAt) {
                    break;
                }
            }
            Thread.sleep(20);
        }
        current = null;
        lanes.forEach(PushLane::close);
        StepLedger.Tally t = ledger.tally();
        Map<String, Percentiles> request = new LinkedHashMap<>();
        for (int r = 0; r < routeNames.size(); r++) {
            request.put(routeNames.get(r), Percentiles.of(t.requestByRoute()[r]));
        }
        double window = seconds;
        Double cpuPerMessage = serverCpu0 == null || serverCpu1 == null || t.sent() == 0 ? null
                : (serverCpu1 - serverCpu0) / (double) t.sent();
        Double cpuPercent = serverCpu0 == null || serverCpu1 == null ? null : (serverCpu1 - serverCpu0) / window / 1e4;
        double loadPercent = selfCpu0 == null || selfCpu1 == null ? 0 : (selfCpu1 - selfCpu0) / window / 1e4;
        StepResult result = new StepResult(rate, messageRate, t.messages(), t.sent(), t.acked(), t.refused(),
                t.failed(), t.unsent(), t.expectedFrames(), t.receivedFrames(), t.lostFrames(), t.lostMessages(),
                t.duplicates(), t.acked() * copies / window, t.receivedFrames() / window, Percentiles.of(t.delivery()),
                request, Percentiles.of(t.sendLag()), round(cpuPerMessage), round(cpuPercent), rss, heap,
                round(loadPercent), sockets.closedByServer.get() - closedBefore);
        LadderPolicy.Verdict verdict = new LadderPolicy(p99LimitMs).judge(result);
        console.printf(Locale.ROOT, "step %d %s: %,.0f %s achieved, delivery p50 %.1f / p99 %.1f / p99.9 %.1f ms,"
                        + " lost %d, errors %d, unsent %d, send lag p99 %.1f ms%s%s%n", index + 1,
                verdict.passed() ? "PASS" : "FAIL", result.achieved(), unit(), result.delivery().p50(),
                result.delivery().p99(), result.delivery().p999(), result.lostFrames(), result.errors(),
                result.unsent(), result.sendLag().p99(),
                cpuPerMessage == null ? "" : String.format(Locale.ROOT, ", server %.1f µs CPU/message", cpuPerMessage),
                verdict.passed() ? "" : " (" + String.join("; ", verdict.failures()) + ")");
        Thread.sleep(1_000); // let the last frames of this step pass before the next one starts
        return result;
    }

    private static Long heapMb(BenchKit.Target target) {
        try {
            return ServerProbe.heapMb(target.serverApi.metrics());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static Double round(Double v) {
        return v == null ? null : Math.round(v * 10) / 10.0;
    }

    private Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("scenario", scenario);
        s.put("routes", isGroup() ? "app@qun" : String.join(",", routes));
        s.put("rates", effectiveRates().toString());
        s.put("receivers", Integer.toString(receivers));
        s.put("connections", Integer.toString(connections));
        s.put("groupSize", isGroup() ? Integer.toString(groupSize) : "");
        s.put("expire", expire == null ? "server default" : expire.toString());
        s.put("warmupSeconds", Integer.toString(warmup));
        s.put("firstWarmupSeconds", Integer.toString(Math.max(warmup, firstWarmup)));
        s.put("seconds", Integer.toString(seconds));
        s.put("drainSeconds", Integer.toString(drain));
        s.put("p99LimitMs", Double.toString(p99LimitMs));
        s.put("loadToolProcessors", Integer.toString(Runtime.getRuntime().availableProcessors()));
        s.put("serverPid", serverPid == null ? "" : serverPid);
        s.put("serverCpus", serverCpus);
        return s;
    }

    /** Progress lines: rates over the last interval, errors so far, the delivery p99 of recent frames and of the window. */
    private final class Progress {
        private final StepLedger ledger;
        private final int copies;
        private long lastAt = System.nanoTime();
        private long lastSent;
        private long lastAcked;
        private long lastFrames;

        Progress(StepLedger ledger, int copies) {
            this.ledger = ledger;
            this.copies = copies;
        }

        String line(long now, long start, long windowStart, long windowEnd) {
            double dt = Math.max(1e-9, (now - lastAt) / 1e9);
            long sent = ledger.sent.sum();
            long acked = ledger.acked.sum();
            long frames = ledger.frames.sum();
            long errors = ledger.refused.sum() + ledger.failed.sum();
            Histogram recent = ledger.recentDelivery();
            Histogram window = ledger.deliverySoFar();
            String phase = now < windowStart ? "warm-up" : now < windowEnd ? "measuring" : "draining";
            String line = String.format(Locale.ROOT, "  %4.0f s %-9s sent %,8.0f/s  acked %,8.0f %s  errors %d"
                            + "  in flight %d  frames %,9.0f/s  p99 last %d s %s  window p99 %s  sessions closed %d",
                    (now - start) / 1e9, phase, (sent - lastSent) / dt, (acked - lastAcked) * copies / dt, unit(),
                    errors, sent - acked - errors, (frames - lastFrames) / dt, progressSeconds, ms(recent), ms(window),
                    sockets.closedByServer.get());
            lastAt = now;
            lastSent = sent;
            lastAcked = acked;
            lastFrames = frames;
            return line;
        }

        private static String ms(Histogram h) {
            return h.getTotalCount() == 0 ? "-" : String.format(Locale.ROOT, "%.1f ms", h.getValueAtPercentile(99) / 1000.0);
        }
    }

    /**
     * One sending connection: message {@code k} goes to a random receiver (unicast; route app or device in turn
     * when both are on) or to the group, with {@code olb|<step>|<k>|} as its content.
     */
    private final class PushLane implements FixedRateSender.Lane {
        private final RawHttp http;
        private final String appPrefix;
        private final String devicePrefix;
        private final String step;
        private final String runId;
        private final List<String> routeNames;
        private final String qun;
        private final String expireField;
        private final AtomicInteger logged = new AtomicInteger();

        PushLane(BenchKit.Target target, Setup setup, String runId, int lane, int step, List<String> routeNames,
                 String qun) {
            this.http = new RawHttp(target.apiHost, target.apiPort, timeoutSeconds * 1000);
            this.runId = runId;
            this.step = Integer.toString(step);
            this.routeNames = routeNames;
            this.qun = qun;
            this.appPrefix = "{\"baseRequest\":{\"token\":\"" + setup.app() + "\"},\"toUserNames\":[\"";
            this.devicePrefix = setup.senderTokens().length == 0 ? null
                    : "{\"baseRequest\":{\"deviceID\":\"Bench-1\",\"token\":\"" + setup.senderTokens()[lane]
                    + "\"},\"msg\":{\"fromUserName\":\"" + runId + "s-u" + lane + "@user\",\"toUserName\":\"";
            this.expireField = expire == null ? "" : ",\"expire\":" + expire; // in msg for device, top level for app
        }

        @Override
        public FixedRateSender.Answer send(int k) throws IOException {
            int route = routeNames.size() == 1 ? 0 : k % routeNames.size();
            String to = qun != null ? qun
                    : runId + "-u" + ThreadLocalRandom.current().nextInt(receivers) + "@user";
            String content = MARK + step + "|" + k + "|";
            String answer;
            if (routeNames.get(route).equals("device")) {
                answer = http.post("/app/client/device/push", devicePrefix + to + "\",\"msgType\":1,\"content\":\""
                        + content + "\"" + expireField + "}}");
            } else {
                answer = http.post("/app/client/app/user/push", appPrefix + to + "\"],\"msgType\":1,\"content\":\""
                        + content + "\"" + expireField + "}");
            }
            boolean accepted = answer.contains("\"ret\":0");
            if (!accepted && logged.getAndIncrement() < 3) {
                console.println("  refused: " + BenchKit.clip(answer));
            }
            return new FixedRateSender.Answer(route, accepted);
        }

        void close() {
            http.close();
        }
    }
}

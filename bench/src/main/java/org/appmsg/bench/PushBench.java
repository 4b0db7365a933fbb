package org.appmsg.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Load generator for the durable user→user push ({@code /app/client/device/push}) against a running
 * server: many concurrent senders over keep-alive HTTP, every receiver connected over WebSocket.
 * Reports pushes/s, request latency, delivered frames/s, delivery latency and the server's heap.
 * Every loop is bounded by time and ends by itself; it targets only the addresses it is given.
 */
public final class PushBench {

    private static final Logger LOG = LoggerFactory.getLogger(PushBench.class);
    private static final Pattern SENT_AT = Pattern.compile("t=(\\d+)");

    private final Map<String, String> opt;
    private final ServerApi serverApi;
    private final HttpClient http = HttpClient.newHttpClient();
    private final LongAdder frames = new LongAdder();
    private final LongAdder pushes = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final Histogram requestLatency = new Histogram();
    private final Histogram deliveryLatency = new Histogram();
    private volatile boolean measuring;
    private final BenchKit.HeapSampler heap;

    private PushBench(Map<String, String> opt) {
        this.opt = opt;
        this.serverApi = new ServerApi(opt.get("api"), opt.get("admin"), opt.get("admin-key"));
        this.heap = new BenchKit.HeapSampler(serverApi, false);
    }

    /** {@code bench-push --api HOST:PORT --ws HOST:PORT --admin HOST:PORT --admin-key KEY [--senders N] [--receivers N] [--seconds N] [--warmup N]} */
    public static void run(String[] args) throws Exception {
        Map<String, String> opt = new HashMap<>(Map.of("senders", "64", "receivers", "500", "seconds", "20", "warmup", "5",
                "api", "127.0.0.1:8090", "ws", "127.0.0.1:6968", "admin", "127.0.0.1:8091", "label", ""));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            opt.put(args[i].substring(2), args[i + 1]);
        }
        if (!opt.containsKey("admin-key")) {
            throw new IllegalArgumentException("--admin-key is required");
        }
        new PushBench(opt).go();
    }

    private void go() throws Exception {
        int senders = Integer.parseInt(opt.get("senders"));
        int receivers = Integer.parseInt(opt.get("receivers"));
        String run = Long.toString(System.currentTimeMillis(), 36);
        String appToken = serverApi.provision("bench-" + run);
        LOG.info("bench {}: syncing {} receivers and {} senders", run, receivers, senders);
        List<String> receiverIds = new ArrayList<>();
        List<String> senderIds = new ArrayList<>();
        for (int i = 0; i < receivers; i++) {
            receiverIds.add("r" + run + "-" + i);
        }
        for (int i = 0; i < senders; i++) {
            senderIds.add("s" + run + "-" + i);
        }
        List<String> all = new ArrayList<>(receiverIds);
        all.addAll(senderIds);
        Map<String, String> tokens = inParallel(all, id -> serverApi.userToken(appToken, id));
        LOG.info("connecting {} receivers over WebSocket", receivers);
        List<WebSocket> sockets = new ArrayList<>();
        for (String id : receiverIds) {
            sockets.add(http.newWebSocketBuilder().buildAsync(URI.create("ws://" + opt.get("ws") + "/sub?key=" + id
                    + "_Bench-1@user&heartbeat=300&ver=1&token=" + tokens.get(id)), new Receiver()).join());
        }
        Thread heapSampler = heap.start(500);
        long warmup = Long.parseLong(opt.get("warmup"));
        long seconds = Long.parseLong(opt.get("seconds"));
        long start = System.nanoTime();
        long measureFrom = start + Duration.ofSeconds(warmup).toNanos();
        long end = measureFrom + Duration.ofSeconds(seconds).toNanos();
        LOG.info("pushing with {} senders: {} s warm-up, {} s measured", senders, warmup, seconds);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String sender : senderIds) {
                pool.submit(() -> sendUntil(sender, tokens.get(sender), receiverIds, measureFrom, end));
            }
            Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
            frames.reset();
            measuring = true;
        }
        measuring = false;
        long framesInWindow = frames.sum();
        heapSampler.interrupt();
        sockets.forEach(WebSocket::abort);
        report(senders, receivers, seconds, framesInWindow);
    }

    private void sendUntil(String sender, String token, List<String> receivers, long measureFrom, long end) {
        try (RawHttp client = new RawHttp(BenchKit.host(opt.get("api")), BenchKit.port(opt.get("api")))) {
            while (System.nanoTime() < end) {
                String to = receivers.get(ThreadLocalRandom.current().nextInt(receivers.size()));
                long t0 = System.nanoTime();
                String body = "{\"baseRequest\":{\"deviceID\":\"Bench-0\",\"token\":\"" + token
                        + "\"},\"msg\":{\"fromUserName\":\"" + sender + "@user\",\"toUserName\":\"" + to
                        + "@user\",\"msgType\":1,\"content\":\"t=" + t0 + "\"}}";
                try {
                    String response = client.post("/app/client/device/push", body);
                    long t1 = System.nanoTime();
                    if (!response.contains("\"ret\":0")) {
                        errors.increment();
                    } else if (t0 >= measureFrom && t1 <= end) {
                        pushes.increment();
                        requestLatency.record((t1 - t0) / 1000);
                    }
                } catch (IOException e) {
                    errors.increment();
                }
            }
        }
    }

    private final class Receiver implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long now = System.nanoTime();
                Matcher m = SENT_AT.matcher(partial);
                if (m.find()) {
                    frames.increment();
                    if (measuring) {
                        deliveryLatency.record((now - Long.parseLong(m.group(1))) / 1000);
                    }
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }

    private void report(int senders, int receivers, long seconds, long framesInWindow) {
        LOG.info("RESULT {} senders={} receivers={} window={}s pushes/s={} request p50={}ms p99={}ms p99.9={}ms "
                        + "frames/s={} delivery p50={}ms p99={}ms errors={} server heap max={}MB",
                opt.get("label"), senders, receivers, seconds, pushes.sum() / seconds, requestLatency.millis(0.50),
                requestLatency.millis(0.99), requestLatency.millis(0.999), framesInWindow / seconds,
                deliveryLatency.millis(0.50), deliveryLatency.millis(0.99), errors.sum(), heap.maxMb());
    }

    private interface Task {
        String apply(String id) throws Exception;
    }

    private static Map<String, String> inParallel(List<String> ids, Task task) throws Exception {
        Map<String, java.util.concurrent.Future<String>> futures = new HashMap<>();
        // bounded: logins hash passwords, and a burst of thousands only queues on the server's cores
        java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(16);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String id : ids) {
                futures.put(id, pool.submit(() -> {
                    permits.acquire();
                    try {
                        return task.apply(id);
                    } finally {
                        permits.release();
                    }
                }));
            }
        }
        Map<String, String> out = new HashMap<>();
        for (var e : futures.entrySet()) {
            out.put(e.getKey(), e.getValue().get());
        }
        return out;
    }
}

package org.appmsg.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the load tools share: {@code --option value} parsing, parallel keep-alive HTTP calls, the server's heap peak. */
final class BenchKit {

    private static final Logger LOG = LoggerFactory.getLogger(BenchKit.class);
    private static final Pattern HEAP = Pattern.compile("(?m)^jvm_memory_heap_used_bytes\\S* ([0-9.eE+]+)");
    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
    private static final Pattern ROOM = Pattern.compile("\"ChatRoomName\":\"([^\"]+)\"");
    private static final int MEMBERS_PER_REQUEST = 500;

    private BenchKit() {
    }

    /**
     * {@code --name value} pairs over {@code defaults}; a name must be one of the defaults or {@code required},
     * and every {@code required} one must be given.
     */
    static Map<String, String> options(String[] args, Map<String, String> defaults, String... required) {
        Map<String, String> opt = new HashMap<>(defaults);
        List<String> requiredNames = List.of(required);
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")
                    || !opt.containsKey(args[i].substring(2)) && !requiredNames.contains(args[i].substring(2))) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            opt.put(args[i].substring(2), args[i + 1]);
        }
        for (String name : required) {
            if (!opt.containsKey(name)) {
                throw new IllegalArgumentException("--" + name + " is required");
            }
        }
        return opt;
    }

    /** The server addresses every tool that opens WebSocket sessions takes, with their local defaults. */
    private static final Map<String, String> SERVER_OPTIONS = Map.of("api", "127.0.0.1:8090", "ws", "127.0.0.1:6968",
            "admin", "127.0.0.1:8091", "label", "");

    /**
     * {@link #options} over {@code --api}, {@code --ws}, {@code --admin}, {@code --label} and {@code own};
     * {@code --admin-key} is required.
     */
    static Map<String, String> serverOptions(String[] args, Map<String, String> own) {
        Map<String, String> defaults = new HashMap<>(SERVER_OPTIONS);
        defaults.putAll(own);
        return options(args, defaults, "admin-key");
    }

    /** At most 300 characters of a server answer, for a log line or an exception message. */
    static String clip(String answer) {
        return answer.length() > 300 ? answer.substring(0, 300) : answer;
    }

    static String host(String hostPort) {
        return hostPort.substring(0, hostPort.lastIndexOf(':'));
    }

    static int port(String hostPort) {
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }

    /** One call of {@link #parallel}: request {@code index} on a keep-alive connection, returning the answer. */
    @FunctionalInterface
    interface Call {
        String call(RawHttp http, int index) throws IOException;
    }

    /**
     * Runs {@code call(0..count-1)} on {@code clients} keep-alive connections, recording each call's latency in
     * {@code latency} when it is not null; fails on the first answer that is not ret 0.
     */
    static void parallel(String host, int port, int clients, int count, Call call, Histogram latency) throws Exception {
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    try (RawHttp http = new RawHttp(host, port)) {
                        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                            long start = System.nanoTime();
                            String answer = call.call(http, i);
                            if (latency != null) {
                                latency.record((System.nanoTime() - start) / 1000);
                            }
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

    /** The server's peak heap use, from {@code /metrics}: sampled on demand and/or by a background thread. */
    static final class HeapSampler {
        private final ServerApi serverApi;
        private final boolean warn;
        private final AtomicLong maxHeap = new AtomicLong();

        /** @param warn whether an unreachable {@code /metrics} is logged (otherwise the next sample will tell) */
        HeapSampler(ServerApi serverApi, boolean warn) {
            this.serverApi = serverApi;
            this.warn = warn;
        }

        /** The peak seen so far, in MB. */
        long maxMb() {
            return maxHeap.get() >> 20;
        }

        void sample() {
            try {
                Matcher m = HEAP.matcher(serverApi.metrics());
                if (m.find()) {
                    maxHeap.accumulateAndGet((long) Double.parseDouble(m.group(1)), Math::max);
                }
            } catch (IOException e) {
                if (warn) {
                    LOG.warn("metrics unavailable: {}", e.toString());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** A virtual thread sampling every {@code periodMillis} until interrupted. */
        Thread start(long periodMillis) {
            return Thread.ofVirtual().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    sample();
                    try {
                        Thread.sleep(periodMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }
    }

    /** {@code nanos} as seconds with one decimal. */
    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }

    /**
     * What a load tool aims at, from its options: the server API ({@code --api}, {@code --admin},
     * {@code --admin-key}), the API's host and port for raw keep-alive calls, and the server's heap sampler.
     */
    static final class Target {
        final Map<String, String> opt;
        final ServerApi serverApi;
        final String apiHost;
        final int apiPort;
        final HeapSampler heap;

        Target(Map<String, String> opt) {
            this.opt = opt;
            this.serverApi = new ServerApi(opt.get("api"), opt.get("admin"), opt.get("admin-key"));
            this.apiHost = host(opt.get("api"));
            this.apiPort = port(opt.get("api"));
            this.heap = new HeapSampler(serverApi, false);
        }

        int intOpt(String name) {
            return Integer.parseInt(opt.get(name));
        }

        /**
         * Syncs users {@code {run}-u0..count-1} of application {@code app} on {@code clients} connections; user
         * {@code i} gets password {@code pw-i} when {@code i < withPassword}, and org {@code orgOf(i)} when
         * {@code orgOf} is not null.
         */
        void syncUsers(String app, String run, int count, int withPassword, IntFunction<String> orgOf, int clients)
                throws Exception {
            parallel(apiHost, apiPort, clients, count, (http, i) -> {
                String org = orgOf == null ? "" : ",\"orgId\":\"" + orgOf.apply(i) + "\"";
                String password = i < withPassword ? ",\"password\":\"pw-" + i + "\"" : "";
                return http.post("/app/client/app/syncUser", "{\"baseRequest\":{\"token\":\"" + app + "\"}" + org
                        + ",\"member\":{\"uid\":\"" + run + "-u" + i + "\",\"name\":\"" + run + "-u" + i
                        + "\",\"nickName\":\"user " + i + "\"" + password + "}}");
            }, null);
        }

        /**
         * Logs users {@code {run}-u0..count-1} in (device {@code Bench-1}, password {@code pw-i}) on up to 16 of
         * {@code clients} connections; returns their tokens.
         */
        String[] logIn(String run, int count, int clients) throws Exception {
            String[] tokens = new String[count];
            parallel(apiHost, apiPort, Math.min(clients, 16), count, (http, i) -> {
                String answer = http.post("/app/client/device/login", "{\"baseRequest\":{\"deviceID\":\"Bench-1\","
                        + "\"deviceType\":\"Android\"},\"userName\":\"" + run + "-u" + i + "\",\"password\":\"pw-" + i + "\"}");
                Matcher m = TOKEN.matcher(answer);
                if (m.find()) {
                    tokens[i] = m.group(1);
                }
                return answer;
            }, null);
            return tokens;
        }

        /**
         * User {@code {run}-u0} (whose token is {@code ownerToken}) creates a group with users {@code 1..499} and
         * adds the rest of {@code {run}-u1..members-1} 500 at a time; returns {@code {qid}@qun}.
         */
        String createGroup(String run, String ownerToken, int members) throws IOException {
            try (RawHttp http = new RawHttp(apiHost, apiPort)) {
                String qun = null;
                for (int from = 1; from < members; from += MEMBERS_PER_REQUEST) {
                    StringBuilder list = new StringBuilder();
                    for (int i = from; i < Math.min(members, from + MEMBERS_PER_REQUEST); i++) {
                        list.append(i == from ? "" : ",").append("{\"uid\":\"").append(run).append("-u").append(i).append("\"}");
                    }
                    String answer = qun == null
                            ? http.post("/app/client/device/create-qun", "{\"baseRequest\":{\"deviceID\":\"Bench-1\",\"token\":\""
                                    + ownerToken + "\"},\"topic\":\"bench\",\"memberList\":[" + list + "]}")
                            : http.post("/app/client/device/addQunMember", "{\"baseRequest\":{\"deviceID\":\"Bench-1\",\"token\":\""
                                    + ownerToken + "\"},\"ChatRoomName\":\"" + qun + "\",\"memberList\":[" + list + "]}");
                    if (!answer.contains("\"ret\":0")) {
                        throw new IllegalStateException("group set-up failed: " + clip(answer));
                    }
                    if (qun == null) {
                        Matcher m = ROOM.matcher(answer);
                        if (!m.find()) {
                            throw new IllegalStateException("no ChatRoomName in " + clip(answer));
                        }
                        qun = m.group(1);
                    }
                }
                return qun;
            }
        }
    }

    /** The session keys of users {@code {run}-u0..count-1} on device {@code Bench-1}. */
    static String[] sessionKeys(String run, int count) {
        String[] keys = new String[count];
        for (int i = 0; i < count; i++) {
            keys[i] = run + "-u" + i + "_Bench-1@user";
        }
        return keys;
    }
}

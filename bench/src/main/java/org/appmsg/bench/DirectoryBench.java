package org.appmsg.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Directory load against a running server (issue #3): syncs an org tree ({@code --orgs} orgs, {@code --depth}
 * levels) and {@code --users} users, each linked to an org, from {@code --clients} concurrent keep-alive
 * connections, then measures {@code getOrgInfo} for a user of that tenant. Reports users/s and orgs/s with
 * request latencies, getOrgInfo p50/p99 and response size, and the server's heap. Every loop is a fixed
 * amount of work and ends by itself.
 */
public final class DirectoryBench {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryBench.class);

    private final Map<String, String> opt;
    private final ServerApi serverApi;
    private final String apiHost;
    private final int apiPort;
    private final BenchKit.HeapSampler heap;

    private DirectoryBench(Map<String, String> opt) {
        this.opt = opt;
        this.serverApi = new ServerApi(opt.get("api"), opt.get("admin"), opt.get("admin-key"));
        this.apiHost = BenchKit.host(opt.get("api"));
        this.apiPort = BenchKit.port(opt.get("api"));
        this.heap = new BenchKit.HeapSampler(serverApi, true);
    }

    /**
     * {@code bench-directory --admin-key KEY [--api H:P] [--admin H:P] [--users 100000] [--orgs 2000] [--depth 8]
     * [--clients 64] [--passwords none|all] [--info-requests 2000] [--info-clients 8] [--label TEXT]}
     */
    public static void run(String[] args) throws Exception {
        Map<String, String> opt = BenchKit.options(args, Map.of("users", "100000", "orgs", "2000", "depth", "8",
                "clients", "64", "passwords", "none", "info-requests", "2000", "info-clients", "8",
                "api", "127.0.0.1:8090", "admin", "127.0.0.1:8091", "label", ""), "admin-key");
        new DirectoryBench(opt).go();
    }

    private int intOpt(String name) {
        return Integer.parseInt(opt.get(name));
    }

    private void go() throws Exception {
        int users = intOpt("users");
        int orgs = intOpt("orgs");
        int depth = intOpt("depth");
        int clients = intOpt("clients");
        boolean passwords = opt.get("passwords").equals("all");
        String run = "d" + Long.toString(System.currentTimeMillis(), 36);
        String app = serverApi.provision(run);

        List<List<Integer>> levels = levels(orgs, depth);
        Histogram orgLatency = new Histogram();
        long orgStart = System.nanoTime();
        for (int level = 0; level < levels.size(); level++) {
            List<Integer> above = level == 0 ? List.of() : levels.get(level - 1);
            List<Integer> here = levels.get(level);
            BenchKit.parallel(apiHost, apiPort, clients, here.size(), (http, i) -> {
                int org = here.get(i);
                String parent = above.isEmpty() ? "" : run + "-o" + above.get(i % above.size());
                return http.post("/app/client/app/syncOrg", "{\"baseRequest\":{\"token\":\"" + app + "\"},\"org\":{\"id\":\""
                        + run + "-o" + org + "\",\"name\":\"Org " + org + "\",\"shortName\":\"O" + org + "\",\"parentId\":\""
                        + parent + "\",\"sort\":" + (org % 17) + "}}");
            }, orgLatency);
        }
        double orgSeconds = (System.nanoTime() - orgStart) / 1e9;
        LOG.info("synced {} orgs in {} levels in {} s", orgs, levels.size(), String.format(Locale.ROOT, "%.1f", orgSeconds));

        Histogram userLatency = new Histogram();
        AtomicInteger done = new AtomicInteger();
        long userStart = System.nanoTime();
        BenchKit.parallel(apiHost, apiPort, clients, users, (http, i) -> {
            // the first user always gets a password: it signs in for the getOrgInfo measurement
            String password = passwords || i == 0 ? ",\"password\":\"pw-" + i + "\"" : "";
            String body = "{\"baseRequest\":{\"token\":\"" + app + "\"},\"orgId\":\"" + run + "-o" + (i % orgs)
                    + "\",\"member\":{\"uid\":\"" + run + "-u" + i + "\",\"name\":\"" + run + "-u" + i
                    + "\",\"nickName\":\"用户" + i + "\",\"pYInitial\":\"yh\",\"pYQuanPin\":\"yonghu" + i
                    + "\",\"status\":\"1\",\"email\":\"u" + i + "@" + run + ".example\",\"mobile\":\"138" + (10_000_000 + i)
                    + "\"" + password + "}}";
            String answer = http.post("/app/client/app/syncUser", body);
            int n = done.incrementAndGet();
            if (n % 10_000 == 0) {
                LOG.info("{} / {} users synced ({} /s)", n, users,
                        String.format(Locale.ROOT, "%.0f", n / ((System.nanoTime() - userStart) / 1e9)));
                heap.sample();
            }
            return answer;
        }, userLatency);
        double userSeconds = (System.nanoTime() - userStart) / 1e9;
        heap.sample();

        String token = login(run + "-u0", "pw-0");
        String infoBody = "{\"baseRequest\":{\"token\":\"" + token + "\"}}";
        Histogram infoLatency = new Histogram();
        AtomicLong infoBytes = new AtomicLong();
        BenchKit.parallel(apiHost, apiPort, intOpt("info-clients"), 50,
                (http, i) -> http.post("/app/client/device/getOrgInfo", infoBody),
                new Histogram()); // warm-up
        BenchKit.parallel(apiHost, apiPort, intOpt("info-clients"), intOpt("info-requests"), (http, i) -> {
            String answer = http.post("/app/client/device/getOrgInfo", infoBody);
            infoBytes.set(answer.length());
            return answer;
        }, infoLatency);
        heap.sample();

        LOG.info(String.format(Locale.ROOT, "RESULT %s users=%d orgs=%d depth=%d clients=%d passwords=%s"
                        + " users_per_s=%.0f user_p50_ms=%s user_p99_ms=%s orgs_per_s=%.0f org_p99_ms=%s"
                        + " getOrgInfo_p50_ms=%s getOrgInfo_p99_ms=%s getOrgInfo_bytes=%d max_heap_mb=%d",
                opt.get("label"), users, orgs, levels.size(), clients, passwords ? "all" : "none",
                users / userSeconds, userLatency.millis(0.5), userLatency.millis(0.99), orgs / orgSeconds,
                orgLatency.millis(0.99), infoLatency.millis(0.5), infoLatency.millis(0.99), infoBytes.get(),
                heap.maxMb()));
    }

    /** Org numbers per level: each level twice as wide as the one above, summing to {@code orgs}. */
    static List<List<Integer>> levels(int orgs, int depth) {
        int levelsUsed = Math.max(1, Math.min(depth, orgs));
        double unit = orgs / (Math.pow(2, levelsUsed) - 1);
        List<Integer> sizes = new ArrayList<>();
        int assigned = 0;
        for (int level = 0; level < levelsUsed; level++) {
            int here = level == levelsUsed - 1 ? orgs - assigned
                    : Math.max(1, (int) Math.round(unit * Math.pow(2, level)));
            sizes.add(here);
            assigned += here;
        }
        List<List<Integer>> levels = new ArrayList<>();
        int next = 0;
        for (int s : sizes) {
            List<Integer> level = new ArrayList<>();
            for (int i = 0; i < s; i++) {
                level.add(next++);
            }
            levels.add(level);
        }
        return levels;
    }

    private String login(String name, String password) throws IOException {
        try (RawHttp http = new RawHttp(apiHost, apiPort)) {
            String answer = http.post("/app/client/device/login", "{\"baseRequest\":{\"deviceID\":\"bench\",\"deviceType\":\"Android\"},"
                    + "\"userName\":\"" + name + "\",\"password\":\"" + password + "\"}");
            Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(answer);
            if (!m.find()) {
                throw new IllegalStateException("login failed: " + answer);
            }
            return m.group(1);
        }
    }
}

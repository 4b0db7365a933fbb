package org.appmsg.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    private static final int NAMES_PER_REQUEST = 1_000;

    private final BenchKit.Target target;

    private AppPushBench(Map<String, String> opt) {
        this.target = new BenchKit.Target(opt);
    }

    /**
     * {@code bench-app-push --admin-key KEY [--api H:P] [--ws H:P] [--admin H:P] [--users 10000] [--connected 2000]
     * [--messages 20] [--warmup 2] [--target tenant|org|users] [--orgs 10] [--clients 32] [--label TEXT]}
     */
    public static void run(String[] args) throws Exception {
        Map<String, String> opt = BenchKit.serverOptions(args, Map.of("users", "10000", "connected", "2000",
                "messages", "20", "warmup", "2", "target", "tenant", "orgs", "10", "clients", "32"));
        if (!List.of("tenant", "org", "users").contains(opt.get("target"))) {
            throw new IllegalArgumentException("--target is tenant, org or users");
        }
        new AppPushBench(opt).go();
    }

    private void go() throws Exception {
        int users = target.intOpt("users");
        int connected = Math.min(users, target.intOpt("connected"));
        int orgs = Math.max(1, target.intOpt("orgs"));
        int clients = target.intOpt("clients");
        String run = "a" + Long.toString(System.currentTimeMillis(), 36);
        String app = target.serverApi.provision(run);
        String root = run + "-root";

        long setUp = System.nanoTime();
        // the root, then its children, in that order on one connection
        BenchKit.parallel(target.apiHost, target.apiPort, 1, orgs + 1, (http, i) -> {
            String id = i == 0 ? root : run + "-o" + (i - 1);
            return http.post("/app/client/app/syncOrg", "{\"baseRequest\":{\"token\":\"" + app + "\"},\"org\":{\"id\":\""
                    + id + "\",\"name\":\"" + id + "\",\"shortName\":\"" + id + "\",\"parentId\":\""
                    + (i == 0 ? "" : root) + "\",\"sort\":0}}");
        }, null);
        // only the connected ones, who sign in, get a password
        target.syncUsers(app, run, users, connected, i -> run + "-o" + (i % orgs), clients);
        LOG.info("synced {} users into {} orgs in {} s", users, orgs + 1, BenchKit.seconds(System.nanoTime() - setUp));
        String[] tokens = target.logIn(run, connected, clients);
        LOG.info("logged in {} users; connecting them over WebSocket", connected);

        String[] keys = BenchKit.sessionKeys(run, connected);
        WsClients sockets = new WsClients(target.opt.get("ws"), keys, tokens, "\"m=");
        Thread selector = Thread.ofPlatform().name("bench-app-push-ws").start(sockets);
        Thread heapSampler = target.heap.start(250);
        try {
            sockets.awaitReady(connected, 120_000);
            LOG.info("{} sessions live; pushing {} warm-up and {} measured messages to {}@{}", connected,
                    target.intOpt("warmup"), target.intOpt("messages"), users, target.opt.get("target"));
            List<List<String>> bodies = targets(run, users);
            Push warm = new Push();
            for (int k = 0; k < target.intOpt("warmup"); k++) {
                warm.message(app, bodies);
            }
            warm.http.close();
            sockets.awaitFrames((long) connected * target.intOpt("warmup"), 30_000);
            sockets.resetFrames();
            sockets.measuring(true);
            Push measured = new Push();
            long start = System.nanoTime();
            for (int k = 0; k < target.intOpt("messages"); k++) {
                measured.message(app, bodies);
            }
            long pushedAt = System.nanoTime();
            measured.http.close();
            long expected = (long) connected * target.intOpt("messages");
            sockets.awaitFrames(expected, 30_000);
            long framesSeen = sockets.frames();
            long deliveredAt = framesSeen == 0 ? pushedAt : sockets.lastFrameAt();
            sockets.measuring(false);
            target.heap.sample();
            double pushSeconds = (pushedAt - start) / 1e9;
            double deliverSeconds = Math.max(1e-9, (deliveredAt - start) / 1e9);
            LOG.info(String.format(Locale.ROOT, "RESULT %s target=%s users=%d connected=%d messages=%d requests=%d"
                            + " recipients=%d recipients_per_s=%.0f request_p50_ms=%s request_p99_ms=%s"
                            + " frames=%d/%d frames_per_s=%.0f delivery_p50_ms=%s delivery_p99_ms=%s errors=%d"
                            + " closed_by_server=%d max_heap_mb=%d",
                    target.opt.get("label"), target.opt.get("target"), users, connected, target.intOpt("messages"),
                    measured.requests, measured.recipients, measured.recipients / pushSeconds,
                    measured.latency.millis(0.5), measured.latency.millis(0.99), framesSeen, expected, framesSeen / deliverSeconds,
                    sockets.latency().millis(0.5), sockets.latency().millis(0.99), measured.errors + warm.errors,
                    sockets.closedByServer.get(), target.heap.maxMb()));
        } finally {
            sockets.stop();
            selector.join(10_000);
            heapSampler.interrupt();
        }
    }

    /** The {@code toUserNames} lists of one message: one request, or 1,000 users per request. */
    private List<List<String>> targets(String run, int users) {
        return switch (target.opt.get("target")) {
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
        final RawHttp http = new RawHttp(target.apiHost, target.apiPort);
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
                        LOG.warn("push failed: {}", BenchKit.clip(answer));
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
}

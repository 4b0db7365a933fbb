package org.appmsg.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group chat load (issue #5) against a running server: provisions a tenant and an application, syncs
 * {@code --members} users (default 1,000) with passwords, logs each in (device {@code Bench-1}) and connects each
 * over WebSocket, creates one group of all of them ({@code create-qun} with up to 500 in {@code memberList},
 * {@code addQunMember} for the rest), then {@code --senders} members (4) send {@code --messages} text
 * messages (200 in all, after {@code --warmup} 20) to {@code {qid}@qun} through {@code /app/client/device/push},
 * each on its own keep-alive connection, as fast as the answers come. Every member's mailbox stores each
 * message; every member's session except the sending device gets it live, so {@code messages × (members − 1)}
 * frames are expected. Reports group messages/s accepted, member copies stored/s (messages × members / wall
 * time of the sends), request p50/p99, live frames/s (first send → last frame), delivery latency p50/p99 (the
 * send time travels in {@code content}, after the legacy {@code from|name|nick&&} prefix), errors, missing
 * frames and the server's heap peak. Every loop is a fixed amount of work or bounded by time; only the given
 * addresses are targeted.
 */
public final class GroupBench {

    private static final Logger LOG = LoggerFactory.getLogger(GroupBench.class);

    private final BenchKit.Target target;

    private GroupBench(Map<String, String> opt) {
        this.target = new BenchKit.Target(opt);
    }

    /**
     * {@code bench-group --admin-key KEY [--api H:P] [--ws H:P] [--admin H:P] [--members 1000] [--senders 4]
     * [--messages 200] [--warmup 20] [--clients 32] [--expire SECONDS] [--rate MESSAGES_PER_S] [--label TEXT]};
     * {@code --expire 0} sends live-only messages (nothing stored: the live fan-out alone), absent = the server's
     * default lifetime; {@code --rate} paces the senders to that many group messages per second in all (0, the
     * default: each sender sends its next message as soon as the last is answered)
     */
    public static void run(String[] args) throws Exception {
        Map<String, String> opt = BenchKit.serverOptions(args, Map.of("members", "1000", "senders", "4",
                "messages", "200", "warmup", "20", "clients", "32", "expire", "", "rate", "0"));
        new GroupBench(opt).go();
    }

    private void go() throws Exception {
        int members = Math.max(2, target.intOpt("members"));
        int senders = Math.max(1, Math.min(members, target.intOpt("senders")));
        int clients = target.intOpt("clients");
        String run = "g" + Long.toString(System.currentTimeMillis(), 36);
        String app = target.serverApi.provision(run);

        long setUp = System.nanoTime();
        target.syncUsers(app, run, members, members, null, clients);
        LOG.info("synced {} users in {} s", members, BenchKit.seconds(System.nanoTime() - setUp));
        String[] tokens = target.logIn(run, members, clients);
        String[] keys = BenchKit.sessionKeys(run, members);
        WsClients sockets = new WsClients(target.opt.get("ws"), keys, tokens, "&&m=");
        Thread selector = Thread.ofPlatform().name("bench-group-ws").start(sockets);
        Thread heapSampler = target.heap.start(250);
        try {
            sockets.awaitReady(members, 120_000);
            String qun = target.createGroup(run, tokens[0], members);
            int warmup = target.intOpt("warmup");
            int messages = target.intOpt("messages");
            LOG.info("{} sessions live in group {}; {} senders send {} warm-up and {} measured messages", members,
                    qun, senders, warmup, messages);
            send(run, tokens, qun, senders, warmup, target.intOpt("rate"));
            sockets.awaitFrames((long) warmup * (members - 1), 30_000);
            sockets.resetFrames();
            sockets.measuring(true);
            long start = System.nanoTime();
            Sent sent = send(run, tokens, qun, senders, messages, target.intOpt("rate"));
            long sentAt = System.nanoTime();
            long expected = (long) messages * (members - 1);
            sockets.awaitFrames(expected, 30_000);
            long seen = sockets.frames();
            long deliveredAt = seen == 0 ? sentAt : sockets.lastFrameAt();
            sockets.measuring(false);
            target.heap.sample();
            double sendSeconds = (sentAt - start) / 1e9;
            double deliverSeconds = Math.max(1e-9, (deliveredAt - start) / 1e9);
            LOG.info(String.format(Locale.ROOT, "RESULT %s members=%d connected=%d senders=%d rate=%s messages=%d expire=%s"
                            + " messages_per_s=%.0f copies_stored_per_s=%.0f request_p50_ms=%s request_p99_ms=%s"
                            + " frames=%d/%d frames_per_s=%.0f delivery_p50_ms=%s delivery_p99_ms=%s errors=%d"
                            + " missing=%d closed_by_server=%d max_heap_mb=%d",
                    target.opt.get("label"), members, sockets.ready.get(), senders,
                    target.intOpt("rate") == 0 ? "closed-loop" : target.opt.get("rate"), messages,
                    target.opt.get("expire").isEmpty() ? "default" : target.opt.get("expire"), sent.ok.get() / sendSeconds,
                    target.opt.get("expire").equals("0") ? 0.0 : (double) sent.ok.get() * members / sendSeconds, sent.latency.millis(0.5),
                    sent.latency.millis(0.99), seen, expected, seen / deliverSeconds, sockets.latency().millis(0.5),
                    sockets.latency().millis(0.99), sent.errors.get(), Math.max(0, expected - seen),
                    sockets.closedByServer.get(), target.heap.maxMb()));
        } finally {
            sockets.stop();
            selector.join(10_000);
            heapSampler.interrupt();
        }
    }

    /** What {@link #send} did. */
    private record Sent(AtomicInteger ok, AtomicInteger errors, Histogram latency) {
    }

    /** Members 0..senders-1 send {@code messages} in all to the group, each on its own connection, closed loop. */
    private Sent send(String run, String[] tokens, String qun, int senders, int messages, int rate) throws Exception {
        Sent sent = new Sent(new AtomicInteger(), new AtomicInteger(), new Histogram());
        String expire = target.opt.get("expire").isEmpty() ? "" : ",\"expire\":" + target.intOpt("expire");
        AtomicInteger next = new AtomicInteger();
        long paced = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(senders)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                int sender = s;
                workers.add(pool.submit(() -> {
                    try (RawHttp http = new RawHttp(target.apiHost, target.apiPort)) {
                        for (int k = next.getAndIncrement(); k < messages; k = next.getAndIncrement()) {
                            if (rate > 0) { // message k is due k / rate seconds after the first
                                long due = paced + k * 1_000_000_000L / rate - System.nanoTime();
                                if (due > 0) {
                                    Thread.sleep(due / 1_000_000, (int) (due % 1_000_000));
                                }
                            }
                            long t0 = System.nanoTime();
                            try {
                                String answer = http.post("/app/client/device/push", "{\"baseRequest\":{\"deviceID\":"
                                        + "\"Bench-1\",\"token\":\"" + tokens[sender] + "\"},\"msg\":{\"fromUserName\":\""
                                        + run + "-u" + sender + "@user\",\"toUserName\":\"" + qun + "\",\"msgType\":1,"
                                        + "\"content\":\"m=" + t0 + "\",\"clientMsgId\":" + k + expire + "}}");
                                sent.latency.record((System.nanoTime() - t0) / 1000);
                                if (answer.contains("\"ret\":0")) {
                                    sent.ok.incrementAndGet();
                                } else {
                                    sent.errors.incrementAndGet();
                                    LOG.warn("group push failed: {}", BenchKit.clip(answer));
                                }
                            } catch (IOException e) {
                                sent.errors.incrementAndGet();
                                LOG.warn("group push failed: {}", e.toString());
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
        return sent;
    }
}

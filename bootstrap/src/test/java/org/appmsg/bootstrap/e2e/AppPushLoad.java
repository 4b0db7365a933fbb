package org.appmsg.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Concurrent application pushers, as a business application sends: each thread posts
 * {@code /app/client/app/user/push} to one to three random users of the set, one request after the other, until
 * {@link #stop} or its deadline, whichever comes first, and records every answer (or failure) with its timing.
 * Every acknowledged push ({@code ret 0}) is kept with the mids its answer gave, for {@link MailboxAudit}. Each
 * push carries its unique content as its {@code statusId}. Against several nodes ({@link #startOnNodes}), each push
 * goes to a random node, and a push left without an answer (its node died) is sent again, unchanged, to the next
 * node, as a client that relies on idempotent push does. Only loopback is targeted; every loop ends by itself.
 */
final class AppPushLoad {

    /**
     * An acknowledged push: the message id, its unique content, the mid it got in each recipient's mailbox, and
     * how many sends it took (more than 1: earlier ones got no answer).
     */
    record Ack(String msgId, String content, Map<String, Long> mids, int sends) {}

    /**
     * One request: started and ended (System.nanoTime), HTTP status (0 = no answer), ret and errMsg of the answer,
     * or the failure (connection refused or reset, timeout) when there was none.
     */
    record Outcome(long started, long ended, int status, int ret, String errMsg, String failure) {
        long millis() {
            return TimeUnit.NANOSECONDS.toMillis(ended - started);
        }

        boolean answered() {
            return status != 0;
        }
    }

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    private static final long REFUSED_PAUSE_MILLIS = 100;
    private static final long FAILED_PAUSE_MILLIS = 20;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    /** Sends of one push without an answer before a node-hopping pusher gives it up. */
    private static final int MAX_SENDS = 20;

    private final List<URI> pushUris;
    private final boolean resend;
    private final String appToken;
    private final List<String> users;
    private final String tag;
    private final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;

    private AppPushLoad(List<Integer> httpPorts, boolean resend, String appToken, List<String> users, String tag) {
        this.pushUris = httpPorts.stream()
                .map(port -> URI.create("http://127.0.0.1:" + port + "/app/client/app/user/push")).toList();
        this.resend = resend;
        this.appToken = appToken;
        this.users = List.copyOf(users);
        this.tag = tag;
    }

    /**
     * Starts {@code threads} pushers against the server's HTTP port; each stops by itself after {@code atMost}.
     * {@code tag} starts every content, so pushes of different loads never look alike.
     */
    static AppPushLoad start(int httpPort, String appToken, List<String> users, int threads, Duration atMost,
            String tag) {
        return start(new AppPushLoad(List.of(httpPort), false, appToken, users, tag), threads, atMost);
    }

    /** As {@link #start}, spread over several nodes, sending a push without an answer again to the next node. */
    static AppPushLoad startOnNodes(List<Integer> httpPorts, String appToken, List<String> users, int threads,
            Duration atMost, String tag) {
        return start(new AppPushLoad(httpPorts, true, appToken, users, tag), threads, atMost);
    }

    private static AppPushLoad start(AppPushLoad load, int threads, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            load.threads.add(Thread.ofPlatform().name("pusher-" + t).daemon(true)
                    .start(() -> load.run(thread, deadline)));
        }
        return load;
    }

    /** Asks every pusher to stop after its current request and waits for them (bounded by the request timeout). */
    void stop() throws InterruptedException {
        stopped = true;
        for (Thread t : threads) {
            t.join(REQUEST_TIMEOUT.toMillis() + 5_000);
            if (t.isAlive()) {
                throw new AssertionError(t.getName() + " still waits for an answer after " + REQUEST_TIMEOUT);
            }
        }
    }

    List<Ack> acks() {
        return List.copyOf(acks);
    }

    List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    private void run(int thread, long deadline) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (long seq = 0; !stopped && System.nanoTime() < deadline; seq++) {
            String content = tag + "-" + thread + "-" + seq;
            List<String> to = recipients();
            var body = Client.obj();
            body.putObject("baseRequest").put("token", appToken);
            var names = body.putArray("toUserNames");
            to.forEach(u -> names.add(u + "@user"));
            body.put("msgType", 1).put("content", content).put("statusId", content);
            int node = random.nextInt(pushUris.size());
            for (int send = 1; send <= MAX_SENDS; send++) {
                HttpRequest request = HttpRequest.newBuilder(pushUris.get(node)).timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
                long started = System.nanoTime();
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    long ended = System.nanoTime();
                    JsonNode answer = Client.parse(response.body());
                    JsonNode base = answer.get("baseResponse");
                    int ret = base.get("ret").asInt();
                    outcomes.add(new Outcome(started, ended, response.statusCode(), ret, base.get("errMsg").asText(),
                            ""));
                    if (ret == 0) {
                        Map<String, Long> mids = new LinkedHashMap<>();
                        answer.get("mlist").forEach(m -> mids.put(m.get("key").asText(), m.get("mid").asLong()));
                        acks.add(new Ack(answer.get("msgID").asText(), content, mids, send));
                    } else {
                        pause(REFUSED_PAUSE_MILLIS); // refused (e.g. storage unavailable): back off, as a client should
                    }
                    break;
                } catch (IOException e) {
                    outcomes.add(new Outcome(started, System.nanoTime(), 0, -1, "", e.toString()));
                    pause(FAILED_PAUSE_MILLIS); // the server is gone or going: retry a little later
                    if (!resend || stopped || System.nanoTime() >= deadline) {
                        break;
                    }
                    node = (node + 1) % pushUris.size(); // the same push again, to another node
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private List<String> recipients() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int count = 1 + random.nextInt(Math.min(3, users.size()));
        List<String> shuffled = new ArrayList<>(users);
        java.util.Collections.shuffle(shuffled, random);
        return shuffled.subList(0, count);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

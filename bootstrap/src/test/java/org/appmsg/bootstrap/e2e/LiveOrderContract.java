package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Live frames in mid order, end to end: many senders push to one user at once over HTTP, and every socket of
 * that user, WebSocket and TCP, must see the user's mids strictly increasing with none missing, compared with
 * every push the server acknowledged; a receiver that drops its socket at random moments and resumes from the
 * highest mid it saw must end with every message exactly once.
 */
abstract class LiveOrderContract extends ServerFixture {

    private static final int SENDERS = 8;
    /** Abrupt disconnects while pushes flow. */
    private static final int DROPS = 30;

    private final List<String> senderTokens = new ArrayList<>();

    /** Cheap password hashes: the tests sign in many users, and the hash cost is not under test here. */
    @Override
    void moreSettings(Map<String, String> env) {
        env.put("APPMSG_PASSWORD_ITERATIONS", "10000");
    }

    /** Every frame's mid and msgId as one receiving socket saw them, in order. */
    private record Seen(List<Long> mids, List<String> ids) {
        Seen() {
            this(new ArrayList<>(), new ArrayList<>());
        }

        void add(String frame) {
            JsonNode envelope = Client.parse(frame);
            JsonNode msg = envelope.get("msg");
            mids.add(envelope.get("mid").asLong());
            ids.add((msg.isTextual() ? Client.parse(msg.asText()) : msg).get("msgId").asText());
        }

        long highest() {
            return mids.stream().mapToLong(Long::longValue).max().orElse(0);
        }

        /**
         * What a client keeping "the highest mid seen" makes of these frames, against the pushes the server
         * acknowledged: inversions are frames at or below an earlier mid (a repeat included), missing are
         * acknowledged pushes never seen.
         */
        String against(Set<String> acknowledged) {
            long inversions = 0;
            for (int i = 1; i < mids.size(); i++) {
                if (mids.get(i) <= mids.get(i - 1)) {
                    inversions++;
                }
            }
            Set<String> missing = new HashSet<>(acknowledged);
            missing.removeAll(ids);
            return ids.size() + " frames, " + inversions + " inversions, " + (ids.size() - new HashSet<>(ids).size())
                    + " duplicates, " + missing.size() + " missing";
        }
    }

    @Test
    void concurrent_senders_reach_every_websocket_and_tcp_socket_in_strict_mid_order_with_nothing_missing()
            throws Exception {
        String receiver = signedIn("rita");
        List<Feed> feeds = List.of(
                subscribe("rita@user", receiver, "&ver=1"),
                subscribe("rita_Android-rita@user", receiver, ""),
                tcp("rita@user", receiver, "1"),
                tcp("rita_iOS-rita2@user", receiver, ""));
        try {
            Set<String> acknowledged = pushConcurrently("rita", 150, () -> false);

            for (Feed feed : feeds) {
                Seen seen = new Seen();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (seen.ids().size() < acknowledged.size() && System.nanoTime() < deadline) {
                    for (String frame : feed.drain(100)) {
                        seen.add(frame);
                    }
                }
                assertThat(seen.against(acknowledged)).isEqualTo(acknowledged.size()
                        + " frames, 0 inversions, 0 duplicates, 0 missing");
                assertThat(seen.mids()).as("the user's mailbox holds these pushes only: mids 1..n")
                        .isEqualTo(midsUpTo(acknowledged.size()));
                assertThat(new HashSet<>(seen.ids())).isEqualTo(acknowledged);
                assertThat(feed.drain(200)).as("nothing after the last").isEmpty();
            }
        } finally {
            feeds.forEach(Feed::close);
        }
    }

    @Test
    void a_receiver_that_drops_its_socket_at_random_and_resumes_from_the_highest_mid_misses_nothing()
            throws Exception {
        String receiver = signedIn("rhea");
        Set<String> pushed = new HashSet<>();
        Seen seen = new Seen();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        AtomicInteger drops = new AtomicInteger();
        int dropsAfterSending = 0;
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            // pushes flow until the receiver has dropped its socket DROPS times (at most 300 per sender)
            Future<Set<String>> sending = background.submit(() -> pushConcurrently("rhea", 300,
                    () -> drops.get() >= DROPS));
            while (!sending.isDone() || drops.get() < DROPS
                    || (seen.ids().size() < sending.get().size() && dropsAfterSending++ < 50)) {
                boolean overTcp = drops.get() % 2 == 1;
                String mid = Long.toString(seen.highest());
                Feed feed = overTcp ? tcp("rhea_Android-rhea@user", receiver, "1", mid)
                        : subscribe("rhea_Android-rhea@user", receiver, "&ver=1&mid=" + mid);
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(random.nextInt(20, 200));
                while (System.nanoTime() < until) {
                    String frame = feed.frames().poll(5, TimeUnit.MILLISECONDS);
                    if (frame != null && !frame.startsWith("+")) {
                        seen.add(frame);
                    }
                }
                feed.abort();
                drops.incrementAndGet();
            }
            pushed.addAll(sending.get());
        } finally {
            background.shutdownNow();
        }

        assertThat(drops.get()).isGreaterThanOrEqualTo(DROPS);
        assertThat(seen.against(pushed)).isEqualTo(pushed.size() + " frames, 0 inversions, 0 duplicates, 0 missing");
        assertThat(seen.mids()).isEqualTo(midsUpTo(pushed.size()));
        assertThat(new HashSet<>(seen.ids())).isEqualTo(pushed);
    }

    /**
     * {@link #SENDERS} users push {@code each} messages to {@code recipient} at once, or fewer once {@code enough}
     * says so; returns the msgIDs of the pushes the server acknowledged (all of them, or the test fails).
     */
    private Set<String> pushConcurrently(String recipient, int each, BooleanSupplier enough) throws Exception {
        List<String> tokens = senders();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (ExecutorService pool = Executors.newFixedThreadPool(SENDERS)) {
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                String from = "sender" + s;
                String token = tokens.get(s);
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each && !enough.getAsBoolean(); i++) {
                        JsonNode r = push(token, "Android-" + from, from + "@user", recipient + "@user",
                                from + ":" + i);
                        assertThat(ret(r)).as(r.toString()).isZero();
                        acknowledged.add(r.get("msgID").asText());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        return acknowledged;
    }

    /** The sending users, signed in once for the class. */
    private synchronized List<String> senders() {
        for (int s = senderTokens.size(); s < SENDERS; s++) {
            senderTokens.add(signedIn("sender" + s));
        }
        return senderTokens;
    }

    private Feed tcp(String key, String token, String version, String... mid) {
        List<String> args = new ArrayList<>(List.of(key, "30", token, version));
        args.addAll(List.of(mid));
        TcpFeed feed = TcpFeed.open(server.tcpPort(), args.toArray(String[]::new));
        assertThat(feed.next(15)).isEqualTo("+h\r\n");
        return feed;
    }
}

package org.appmsg.adapter.persistence.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.appmsg.adapter.persistence.redis.PresenceChanges.Change;
import org.appmsg.adapter.persistence.redis.PresenceFields.Mark;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.appmsg.domain.shared.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;

/**
 * Copies this node's part of presence to Redis on one thread, so that its changes reach Redis and the other
 * nodes in the order they were made. Callers only mark a user dirty; the writer takes up to {@value #BATCH}
 * dirty users at a time, writes the difference between the replica and what it last wrote (one HSET and/or
 * one HDEL per user, pipelined: a connection opened and closed between two batches costs nothing), waits for
 * Redis to acknowledge, and only then publishes the changes in one presence frame.
 *
 * <p>When Redis fails, or a subscription was lost, or this node's lease lapsed, it resyncs (retrying with
 * backoff): a new epoch and lease, a hello (others drop this node's holds), a rewrite of all its holds and
 * their sessions' marks (published, so others get them back), then the replica is rebuilt from a scan. State
 * changes made while Redis was away are kept for sessions this node holds and lost for the others.
 */
final class PresenceWriter {

    private static final Logger log = LoggerFactory.getLogger(PresenceWriter.class);
    static final int BATCH = 256;
    /** How long a session's state outlives its last connection: longer than a change takes to reach every node. */
    static final Duration END_GRACE = Duration.ofSeconds(2);

    /** A session whose last connection (as far as this node knew) closed at {@code closedNanos}. */
    private record Ending(UserId user, String device, long closedNanos) {}

    /** Where the writer publishes frames: the bus. */
    interface Publisher {
        /** Whether every subscription is up (a resync before that could miss frames). */
        boolean subscribed();

        void publish(BusFrame frame);
    }

    private final int self;
    private final RedisLink link;
    private final RedisKeys keys;
    private final PresenceReplica replica;
    private final PresenceScan scan;
    private final NodeLeases leases;
    private final Publisher bus;
    private final Runnable resumed;
    private final Backoff backoff;
    private final LinkedBlockingQueue<UserId> queue = new LinkedBlockingQueue<>();
    private final Set<UserId> queued = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<UserId, Map<String, Optional<Mark>>> pendingMarks = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Ending> endings = new ConcurrentLinkedQueue<>();
    private final Map<UserId, Map<String, String>> written = new HashMap<>(); // writer thread only
    private final AtomicLong resyncRequests = new AtomicLong(1);
    private final CountDownLatch firstSync = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean healthy;
    private long syncedRequests;
    private long epoch;

    PresenceWriter(int self, RedisLink link, RedisKeys keys, PresenceReplica replica, PresenceScan scan,
            NodeLeases leases, Publisher bus, Runnable resumed, Duration maxBackoff) {
        this.self = self;
        this.link = link;
        this.keys = keys;
        this.replica = replica;
        this.scan = scan;
        this.leases = leases;
        this.bus = bus;
        this.resumed = resumed;
        this.backoff = new Backoff(Duration.ofMillis(100), maxBackoff);
        this.thread = Thread.ofPlatform().daemon().name("appmsg-redis-presence-" + self).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Waits for the first resync; false if it did not complete within {@code timeout}. */
    boolean awaitFirstSync(Duration timeout) throws InterruptedException {
        return firstSync.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The user's holds on this node changed (or a mark was queued for it). Never blocks. */
    void dirty(UserId user) {
        if (queued.add(user)) {
            queue.add(user);
        }
    }

    /** Queues a mark write ({@code mark} null: delete); the caller marks the user dirty afterwards. */
    void mark(UserId user, String device, Mark mark) {
        pendingMarks.compute(user, (u, marks) -> {
            Map<String, Optional<Mark>> next = marks == null ? new HashMap<>() : marks;
            next.put(device, Optional.ofNullable(mark));
            return next;
        });
    }

    /**
     * The session's last connection that this node knew of closed: unless some node holds it again after
     * {@link #END_GRACE}, its mark is deleted then.
     */
    void endLater(UserId user, String device) {
        endings.add(new Ending(user, device, System.nanoTime()));
    }

    /** What Redis and the other nodes know of this node may be wrong: resync. */
    void requestResync() {
        healthy = false;
        resyncRequests.incrementAndGet();
    }

    /** Redis has this node's presence as the replica has it, give or take the batch in flight. */
    boolean healthy() {
        return healthy;
    }

    /** Stops the thread; {@code goodbye} then deletes this node's fields from Redis. */
    void stop(boolean goodbye) {
        running = false;
        thread.interrupt();
        try {
            thread.join(RedisLink.TIMEOUT.toMillis() * 3);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (goodbye && !written.isEmpty()) {
            link.call("delete own presence", r -> {
                try (AbstractPipeline pipeline = r.pipelined()) {
                    written.forEach((user, fields) -> pipeline.hdel(keys.user(user), fields.keySet().toArray(String[]::new)));
                }
                return null;
            });
        }
    }

    private void run() {
        while (running) {
            try {
                if (resyncRequests.get() != syncedRequests) {
                    if (bus.subscribed()) {
                        resync();
                    } else {
                        Thread.sleep(20);
                    }
                    continue;
                }
                endDueSessions();
                UserId first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    List<UserId> batch = new ArrayList<>(BATCH);
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                    batch.forEach(queued::remove); // before reading them: a change from now on queues the user again
                    write(batch, false);
                }
            } catch (StorageUnavailableException e) {
                requestResync();
                log.warn("Redis presence write failed, resyncing after a backoff: {}", e.getMessage());
                if (!backoff.pause()) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void endDueSessions() {
        long due = System.nanoTime() - END_GRACE.toNanos();
        for (Ending e = endings.peek(); e != null && e.closedNanos() - due <= 0; e = endings.peek()) {
            endings.poll();
            Ending ending = e;
            boolean[] ended = new boolean[1];
            replica.update(ending.user(), view -> {
                if (view.held(ending.device()) || !view.marks().containsKey(ending.device())) {
                    return view;
                }
                ended[0] = true;
                mark(ending.user(), ending.device(), null);
                return view.withMark(ending.device(), null);
            });
            if (ended[0]) {
                dirty(ending.user());
            }
        }
    }

    private void resync() {
        long request = resyncRequests.get();
        boolean first = firstSync.getCount() > 0;
        epoch = Math.max(epoch + 1, System.currentTimeMillis());
        leases.acquire(epoch);
        bus.publish(new BusFrame(BusFrame.Type.HELLO, self, BusFrame.hello(epoch, !first)));
        written.clear();
        List<UserId> users = replica.users();
        for (int from = 0; from < users.size(); from += BATCH) {
            write(users.subList(from, Math.min(users.size(), from + BATCH)), true);
        }
        replica.startBuffering();
        PresenceScan.Result scanned = scan.resync(written);
        publish(scanned.ownDeleted());
        replica.install(scanned.others());
        syncedRequests = request;
        healthy = resyncRequests.get() == request;
        backoff.reset();
        log.info("Redis presence {}: {} users of this node written, {} users of other nodes read",
                first ? "synced" : "resynced", written.size(), scanned.others().size());
        firstSync.countDown();
        if (!first) {
            resumed.run();
        }
    }

    /** Writes the users' changes (all their own fields and their sessions' marks when {@code rewrite}). */
    private void write(List<UserId> users, boolean rewrite) {
        List<Change> changes = new ArrayList<>();
        Map<UserId, Map<String, String>> nowWritten = new HashMap<>();
        link.call("write presence", r -> {
            try (AbstractPipeline pipeline = r.pipelined()) {
                for (UserId user : users) {
                    Map<String, String> set = new HashMap<>();
                    List<String> deleted = new ArrayList<>();
                    nowWritten.put(user, diff(user, rewrite, set, deleted));
                    String key = keys.user(user);
                    if (!set.isEmpty()) {
                        pipeline.hset(key, set);
                        set.forEach((field, value) -> changes.add(new Change(user, field, value)));
                    }
                    if (!deleted.isEmpty()) {
                        pipeline.hdel(key, deleted.toArray(String[]::new));
                        deleted.forEach(field -> changes.add(new Change(user, field, null)));
                    }
                }
            }
            return null;
        });
        nowWritten.forEach((user, fields) -> {
            if (fields.isEmpty()) {
                written.remove(user);
            } else {
                written.put(user, fields);
            }
        });
        publish(changes);
    }

    /** Fills {@code set} and {@code deleted} for one user; returns the own fields Redis will then hold. */
    private Map<String, String> diff(UserId user, boolean rewrite, Map<String, String> set, List<String> deleted) {
        UserView view = replica.view(user);
        Map<String, String> own = new HashMap<>();
        view.holdsOf(self).forEach((key, hold) -> own.put(PresenceFields.holdField(key), PresenceFields.holdValue(hold, epoch)));
        Map<String, String> before = rewrite ? Map.of() : written.getOrDefault(user, Map.of());
        own.forEach((field, value) -> {
            if (!value.equals(before.get(field))) {
                set.put(field, value);
            }
        });
        before.keySet().forEach(field -> {
            if (!own.containsKey(field)) {
                deleted.add(field);
            }
        });
        if (rewrite) {
            view.holdsOf(self).keySet().forEach(key -> {
                Mark mark = view.marks().get(key.device());
                if (mark != null) {
                    set.put(PresenceFields.markField(key.device()), PresenceFields.markValue(mark));
                }
            });
        }
        Map<String, Optional<Mark>> marks = pendingMarks.remove(user);
        if (marks != null) {
            marks.forEach((device, mark) -> {
                String field = PresenceFields.markField(device);
                if (mark.isPresent()) {
                    set.put(field, PresenceFields.markValue(mark.get()));
                } else {
                    set.remove(field);
                    deleted.add(field);
                }
            });
        }
        return own;
    }

    private void publish(List<Change> changes) {
        for (int from = 0; from < changes.size(); from += 4 * BATCH) {
            List<Change> part = changes.subList(from, Math.min(changes.size(), from + 4 * BATCH));
            bus.publish(new BusFrame(BusFrame.Type.PRESENCE, self, PresenceChanges.encode(part)));
        }
    }
}

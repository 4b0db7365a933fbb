package org.appmsg.adapter.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.appmsg.adapter.persistence.Tables.DeliveryStatusDevices;
import org.appmsg.adapter.persistence.Tables.DeliveryStatuses;
import org.appmsg.application.port.out.DeliveryStatusLog;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.appmsg.domain.message.DeliveryStatus;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Name;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link DeliveryStatusLog} port on jOOQ: tables delivery_status and delivery_status_device (V10), written
 * behind.
 *
 * <p>{@link #stored} and {@link #apns} only offer a record to a bounded queue ({@code capacity} records) and
 * return: a status write never waits for the database, so it can never slow the notifier or a push. One writer
 * thread takes up to {@link #BATCH} records at a time, keeps the last record per row (a notification's
 * {@code pending} and {@code accepted} in one batch make one row), and upserts them in key order in one
 * transaction of two JDBC batches (two nodes' writers then lock rows in the same order). When the queue is full
 * the record is dropped, counted in {@link #dropped()} and reported in a log line at most every 10 s; a batch the
 * database refused three times is dropped the same way. {@link #find} first waits (at most
 * {@link #READ_WAIT_MILLIS} ms) until the records offered before it are written, so a node reads its own writes.
 *
 * <p>Retention: {@link #purgeExpired} deletes rows whose {@code expires_at} (the message's expiry) has passed,
 * with LIMIT-ed deletes on the expiry indexes, as {@link JooqMailbox#purgeExpired} does for mailbox entries.
 */
final class JooqDeliveryStatusLog implements DeliveryStatusLog {

    /** Records waiting to be written at most, by default: a few MB. */
    static final int DEFAULT_CAPACITY = 100_000;
    /** Records per transaction at most. */
    static final int BATCH = 1_000;
    static final long READ_WAIT_MILLIS = 2_000;
    private static final int ATTEMPTS = 3;
    private static final long RETRY_PAUSE_MILLIS = 500;
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final Logger LOG = LoggerFactory.getLogger(JooqDeliveryStatusLog.class);
    private static final Comparator<Copy> COPY_ORDER = Comparator.comparingLong(Copy::message)
            .thenComparing(Copy::mailbox);
    private static final Comparator<Device> DEVICE_ORDER = Comparator.comparingLong(Device::message)
            .thenComparing(Device::mailbox).thenComparing(Device::device);

    private sealed interface Change permits Copy, Device {}

    private record Copy(long message, String mailbox, String from, long mid, int liveSessions, long expiresAt)
            implements Change {}

    private record Device(long message, String mailbox, String device, String state, String detail, long expiresAt)
            implements Change {}

    private final Database db;
    private final int capacity;
    private final ArrayBlockingQueue<Change> queue;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progressed = lock.newCondition();
    private final Thread writer;
    // guarded by lock: records accepted into the queue, and records the writer is done with (written or lost)
    private long accepted;
    private long done;
    private long dropped;
    private long lastDropLog = System.nanoTime() - LOG_EVERY_NANOS;
    private volatile boolean closed;

    JooqDeliveryStatusLog(Database db, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.db = db;
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = Thread.ofPlatform().name("delivery-status-writer").daemon().start(this::run);
    }

    @Override
    public void stored(MessageId id, Name from, Name mailbox, long mid, int liveSessions, Instant keepUntil) {
        offer(new Copy(id.value(), mailbox.toString(), from.toString(), mid, liveSessions, keepUntil.toEpochMilli()));
    }

    @Override
    public void apns(MessageId id, Name mailbox, String device, DeliveryStatus.ApnsState state, String detail,
            Instant keepUntil) {
        offer(new Device(id.value(), mailbox.toString(), device, state.wire(), DeliveryStatusLog.keptDetail(detail),
                keepUntil.toEpochMilli()));
    }

    private void offer(Change change) {
        lock.lock();
        try {
            if (!closed && queue.offer(change)) {
                accepted++;
                return;
            }
            lost(1, closed ? "the store is closing" : "queue full (" + capacity + " records): the database is slow"
                    + " or down");
        } finally {
            lock.unlock();
        }
    }

    /** Counts lost records and logs at most every 10 s; called holding the lock. */
    private void lost(int records, String why) {
        dropped += records;
        long now = System.nanoTime();
        if (now - lastDropLog >= LOG_EVERY_NANOS) {
            lastDropLog = now;
            LOG.warn("delivery status records not stored, {}: {} lost so far", why, dropped);
        }
    }

    /** Records waiting to be written (for /metrics). */
    long queued() {
        return queue.size();
    }

    /** Records never stored: the queue was full, or the database refused their batch (for /metrics). */
    long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<DeliveryStatus> find(MessageId id) {
        awaitWritten();
        long message = id.value();
        var copies = db.query(dsl -> dsl.select(DeliveryStatuses.MAILBOX, DeliveryStatuses.FROM_NAME,
                        DeliveryStatuses.MID, DeliveryStatuses.LIVE_SESSIONS)
                .from(DeliveryStatuses.TABLE)
                .where(DeliveryStatuses.MESSAGE_ID.eq(message))
                .orderBy(DeliveryStatuses.MAILBOX)
                .fetch());
        if (copies.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<DeliveryStatus.Device>> devices = new TreeMap<>();
        db.query(dsl -> dsl.select(DeliveryStatusDevices.MAILBOX, DeliveryStatusDevices.DEVICE_ID,
                        DeliveryStatusDevices.STATE, DeliveryStatusDevices.DETAIL)
                .from(DeliveryStatusDevices.TABLE)
                .where(DeliveryStatusDevices.MESSAGE_ID.eq(message))
                .orderBy(DeliveryStatusDevices.MAILBOX, DeliveryStatusDevices.DEVICE_ID)
                .fetch())
                .forEach(r -> devices.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(new DeliveryStatus.Device(
                        r.value2(), DeliveryStatus.ApnsState.valueOf(r.value3().toUpperCase(Locale.ROOT)), r.value4())));
        List<DeliveryStatus.Recipient> recipients = new ArrayList<>(copies.size());
        for (var c : copies) {
            recipients.add(new DeliveryStatus.Recipient(Name.parse(c.value1()), c.value3(), c.value4(),
                    devices.getOrDefault(c.value1(), List.of())));
        }
        return Optional.of(new DeliveryStatus(id, Name.parse(copies.get(0).value2()), recipients));
    }

    /** Waits until the records accepted before this call are written or lost, at most {@link #READ_WAIT_MILLIS}. */
    private void awaitWritten() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READ_WAIT_MILLIS);
        lock.lock();
        try {
            long target = accepted;
            long left = deadline - System.nanoTime();
            while (done < target && left > 0 && writer.isAlive()) {
                left = progressed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int purgeExpired(Instant now, int maxRecords) {
        if (maxRecords <= 0) {
            return 0;
        }
        long cutoff = now.toEpochMilli();
        int devices = db.deleteFirst(DeliveryStatusDevices.TABLE, DeliveryStatusDevices.EXPIRES_AT.le(cutoff),
                DeliveryStatusDevices.EXPIRES_AT, maxRecords);
        if (devices >= maxRecords) {
            return devices;
        }
        return devices + db.deleteFirst(DeliveryStatuses.TABLE, DeliveryStatuses.EXPIRES_AT.le(cutoff),
                DeliveryStatuses.EXPIRES_AT, maxRecords - devices);
    }

    private void run() {
        List<Change> batch = new ArrayList<>(BATCH);
        while (!closed || !queue.isEmpty()) {
            try {
                Change first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                writeWithRetries(batch);
            } catch (InterruptedException e) {
                if (!closed) {
                    continue;
                }
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) { // never let the writer die: what it could not write is counted as lost
                LOG.warn("delivery status batch not written", e);
                finished(batch.size(), batch.size());
            } finally {
                batch.clear();
            }
        }
    }

    private void writeWithRetries(List<Change> batch) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                write(batch);
                finished(batch.size(), 0);
                return;
            } catch (StorageUnavailableException e) {
                if (attempt >= ATTEMPTS || closed) {
                    LOG.warn("{} delivery status records not written after {} attempts", batch.size(), attempt, e);
                    finished(batch.size(), batch.size());
                    return;
                }
                Thread.sleep(RETRY_PAUSE_MILLIS * attempt);
            }
        }
    }

    private void finished(int records, int lostRecords) {
        lock.lock();
        try {
            done += records;
            if (lostRecords > 0) {
                lost(lostRecords, "the database refused them");
            }
            progressed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The last change per row, in key order, upserted in one transaction (run again whole on a duplicate race). */
    private void write(List<Change> batch) {
        Map<String, Copy> copies = new LinkedHashMap<>();
        Map<String, Device> devices = new LinkedHashMap<>();
        for (Change c : batch) {
            switch (c) {
                case Copy copy -> copies.put(copy.message() + "\n" + copy.mailbox(), copy);
                case Device d -> devices.put(d.message() + "\n" + d.mailbox() + "\n" + d.device(), d);
            }
        }
        List<Copy> sortedCopies = copies.values().stream().sorted(COPY_ORDER).toList();
        List<Device> sortedDevices = devices.values().stream().sorted(DEVICE_ORDER).toList();
        db.transactionDecidingAgainOnDuplicates(dsl -> {
            upsertCopies(dsl, sortedCopies);
            upsertDevices(dsl, sortedDevices);
            return null;
        });
    }

    private static void upsertCopies(DSLContext dsl, List<Copy> copies) {
        if (copies.isEmpty()) {
            return;
        }
        BatchBindStep batch = dsl.batch(dsl.insertInto(DeliveryStatuses.TABLE, DeliveryStatuses.MESSAGE_ID,
                        DeliveryStatuses.MAILBOX, DeliveryStatuses.FROM_NAME, DeliveryStatuses.MID,
                        DeliveryStatuses.LIVE_SESSIONS, DeliveryStatuses.EXPIRES_AT)
                .values(0L, "", "", 0L, 0, 0L)
                .onConflict(DeliveryStatuses.MESSAGE_ID, DeliveryStatuses.MAILBOX)
                .doUpdate()
                .set(DeliveryStatuses.FROM_NAME, DSL.excluded(DeliveryStatuses.FROM_NAME))
                .set(DeliveryStatuses.MID, DSL.excluded(DeliveryStatuses.MID))
                .set(DeliveryStatuses.LIVE_SESSIONS, DSL.excluded(DeliveryStatuses.LIVE_SESSIONS))
                .set(DeliveryStatuses.EXPIRES_AT, DSL.excluded(DeliveryStatuses.EXPIRES_AT)));
        for (Copy c : copies) {
            batch = batch.bind(c.message(), c.mailbox(), c.from(), c.mid(), c.liveSessions(), c.expiresAt());
        }
        batch.execute();
    }

    private static void upsertDevices(DSLContext dsl, List<Device> devices) {
        if (devices.isEmpty()) {
            return;
        }
        BatchBindStep batch = dsl.batch(dsl.insertInto(DeliveryStatusDevices.TABLE, DeliveryStatusDevices.MESSAGE_ID,
                        DeliveryStatusDevices.MAILBOX, DeliveryStatusDevices.DEVICE_ID, DeliveryStatusDevices.STATE,
                        DeliveryStatusDevices.DETAIL, DeliveryStatusDevices.EXPIRES_AT)
                .values(0L, "", "", "", "", 0L)
                .onConflict(DeliveryStatusDevices.MESSAGE_ID, DeliveryStatusDevices.MAILBOX,
                        DeliveryStatusDevices.DEVICE_ID)
                .doUpdate()
                .set(DeliveryStatusDevices.STATE, DSL.excluded(DeliveryStatusDevices.STATE))
                .set(DeliveryStatusDevices.DETAIL, DSL.excluded(DeliveryStatusDevices.DETAIL))
                .set(DeliveryStatusDevices.EXPIRES_AT, DSL.excluded(DeliveryStatusDevices.EXPIRES_AT)));
        for (Device d : devices) {
            batch = batch.bind(d.message(), d.mailbox(), d.device(), d.state(), d.detail(), d.expiresAt());
        }
        batch.execute();
    }

    /**
     * Stops accepting records and lets the writer store what is queued (at most a few seconds; when the database
     * is down what is left is lost). Idempotent.
     */
    void close() {
        closed = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
            if (writer.isAlive()) {
                writer.interrupt();
                writer.join(TimeUnit.SECONDS.toMillis(1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

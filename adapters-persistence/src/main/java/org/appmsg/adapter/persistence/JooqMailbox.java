package org.appmsg.adapter.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.appmsg.adapter.persistence.Tables.Entries;
import org.appmsg.adapter.persistence.Tables.Messages;
import org.appmsg.application.port.out.Mailbox;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.message.Message;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Name;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Mailbox} port on jOOQ: a few writer threads group-commit the stores of concurrent callers. Two
 * writers overlap one batch's database round trips with the next batch's; they never deadlock each other
 * because every batch locks mailbox rows in the same (sorted) order, and batches that share a mailbox
 * simply take turns on its row.
 */
final class JooqMailbox implements Mailbox {

    static final int DEFAULT_MAX_BATCH = 256;
    static final int DEFAULT_WRITERS = 2;
    private static final int KNOWN_OWNERS_CAPACITY = 100_000;
    private static final Logger log = LoggerFactory.getLogger(JooqMailbox.class);

    private final Database db;
    private final int maxBatch;
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    // store() holds the read side while enqueueing, close() the write side, so nothing is enqueued after STOP.
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final Set<String> knownOwners = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > KNOWN_OWNERS_CAPACITY;
                }
            }));
    private final List<Thread> writers;
    private boolean closed; // guarded by gate

    private record Request(Message message, List<Name> recipients, CompletableFuture<List<MailboxEntry>> done) {}

    private static final Request STOP = new Request(null, List.of(), new CompletableFuture<>());

    private JooqMailbox(Database db, int maxBatch, int writerCount) {
        this.db = db;
        this.maxBatch = maxBatch;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < writerCount; i++) {
            threads.add(Thread.ofPlatform().name("appmsg-mailbox-writer-" + i).daemon(true).unstarted(this::run));
        }
        this.writers = List.copyOf(threads);
    }

    static JooqMailbox start(Database db, int maxBatch) {
        return start(db, maxBatch, DEFAULT_WRITERS);
    }

    static JooqMailbox start(Database db, int maxBatch, int writerCount) {
        if (maxBatch < 1 || writerCount < 1) {
            throw new IllegalArgumentException("maxBatch and writerCount must be positive");
        }
        JooqMailbox mailbox = new JooqMailbox(db, maxBatch, writerCount);
        mailbox.writers.forEach(Thread::start);
        return mailbox;
    }

    @Override
    public List<MailboxEntry> store(Message message, List<Name> recipients) {
        List<Name> distinct = List.copyOf(new LinkedHashSet<>(recipients));
        if (distinct.isEmpty()) {
            return List.of(); // no mailbox could ever show the message, so there is nothing to store
        }
        Request request = new Request(message, distinct, new CompletableFuture<>());
        gate.readLock().lock();
        try {
            if (closed) {
                throw new StorageUnavailableException("the mailbox writer is stopped", null);
            }
            queue.add(request);
        } finally {
            gate.readLock().unlock();
        }
        try {
            return request.done().join();
        } catch (CompletionException e) {
            // a fresh exception per caller, so each one carries its own stack
            throw new StorageUnavailableException("storing message " + message.id() + " failed", e.getCause());
        }
    }

    @Override
    public List<MailboxEntry> readAfter(Name mailbox, long afterMid, int limit, Instant now) {
        if (limit <= 0) {
            return List.of();
        }
        return db.query(dsl -> dsl.select(Entries.MID, Entries.MESSAGE_ID, Messages.BODY)
                .from(Entries.TABLE)
                .join(Messages.TABLE).on(Messages.ID.eq(Entries.MESSAGE_ID))
                .where(Entries.OWNER.eq(mailbox.toString()))
                .and(Entries.MID.gt(afterMid))
                .and(Entries.EXPIRES_AT.gt(now.toEpochMilli()))
                .orderBy(Entries.MID)
                .limit(limit)
                .fetch(r -> new MailboxEntry(mailbox, r.value1(), new MessageId(r.value2()), r.value3())));
    }

    /** Writes what was enqueued before this call, then stops the writer; later stores fail. */
    void close() {
        gate.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            writers.forEach(w -> queue.add(STOP)); // one each; they come after every accepted store
        } finally {
            gate.writeLock().unlock();
        }
        try {
            for (Thread writer : writers) {
                writer.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Request> batch = new ArrayList<>(maxBatch);
        boolean stopping = false;
        while (!stopping) {
            batch.add(take());
            queue.drainTo(batch, maxBatch - 1);
            int stops = (int) batch.stream().filter(r -> r == STOP).count();
            batch.removeIf(r -> r == STOP);
            if (!batch.isEmpty()) {
                writeAndComplete(batch);
            }
            batch.clear();
            // STOPs are the last requests ever enqueued; one is this writer's, the others go back to the rest
            for (int i = 1; i < stops; i++) {
                queue.add(STOP);
            }
            stopping = stops > 0;
        }
    }

    private Request take() {
        while (true) {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                // nobody interrupts this thread on purpose (H2 closes its files on interrupts); keep serving
                log.warn("mailbox writer interrupted; ignoring");
            }
        }
    }

    private void writeAndComplete(List<Request> batch) {
        List<List<MailboxEntry>> results;
        try {
            List<MailboxBatchWriter.Item> items = batch.stream()
                    .map(r -> new MailboxBatchWriter.Item(r.message(), r.recipients())).toList();
            ensureMailboxes(batch);
            try {
                results = db.transaction(dsl -> MailboxBatchWriter.write(dsl, items));
            } catch (MailboxBatchWriter.MissingMailboxes missing) {
                knownOwners.removeAll(missing.owners()); // evicted from the cache, or deleted: create them again
                ensureMailboxes(batch);
                results = db.transaction(dsl -> MailboxBatchWriter.write(dsl, items));
            }
        } catch (RuntimeException | Error e) { // the writer must outlive any failure, or callers wait forever
            log.warn("mailbox batch of {} stores failed", batch.size(), e);
            batch.forEach(r -> r.done().completeExceptionally(e));
            return;
        }
        log.debug("committed a batch of {} stores", batch.size());
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done().complete(results.get(i));
        }
    }

    /**
     * Creates missing mailbox rows in their own short statements, before the batch transaction: inserting
     * inside it would take shared locks that the later FOR UPDATE upgrades, a classic deadlock between nodes.
     */
    private void ensureMailboxes(List<Request> batch) {
        SortedSet<String> unknown = new TreeSet<>();
        for (Request r : batch) {
            for (Name n : r.recipients()) {
                if (!knownOwners.contains(n.toString())) {
                    unknown.add(n.toString());
                }
            }
        }
        if (unknown.isEmpty()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                db.execute(dsl -> MailboxBatchWriter.insertMissingMailboxes(dsl, unknown));
                break;
            } catch (StorageUnavailableException e) {
                // another writer created some of these rows between our check and our insert (H2 reports
                // that race as a duplicate key even for insert-if-absent); the next attempt finds them
                if (!Database.isDuplicateKey(e) || attempt == 3) {
                    throw e;
                }
            }
        }
        knownOwners.addAll(unknown);
    }
}

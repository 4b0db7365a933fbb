package org.appmsg.adapter.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.appmsg.application.port.out.MidsExhaustedException;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for one kind of small write (mailbox stores, user upserts, org member links): callers' requests
 * queue up, and a few writer threads each take what has queued (up to {@code maxBatch}) and hand it to the
 * {@link BatchWrite}, which writes the batch in one transaction and answers every request. A caller blocks
 * until its own request is answered, so an answer means the write is durable. Two writers overlap one batch's
 * database round trips with the next one's; the batch write must lock rows in a deterministic order.
 *
 * @param <I> what a caller asks to write
 * @param <R> what it is answered
 */
final class GroupCommit<I, R> {

    static final int DEFAULT_MAX_BATCH = 256;
    static final int DEFAULT_WRITERS = 2;
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    /** Writes a batch and answers each of its requests (any left unanswered fail); may throw to fail them all. */
    @FunctionalInterface
    interface BatchWrite<I, R> {
        void write(List<Request<I, R>> batch);
    }

    /** One caller's request; answered once, by {@link #complete} or {@link #fail}. */
    static final class Request<I, R> {
        private final I item;
        private final CompletableFuture<R> done = new CompletableFuture<>();

        Request(I item) {
            this.item = item;
        }

        I item() {
            return item;
        }

        void complete(R result) {
            done.complete(result);
        }

        void fail(Throwable failure) {
            done.completeExceptionally(failure);
        }

        boolean isAnswered() {
            return done.isDone();
        }

        /** Waits for the answer; a failure comes as a {@link CompletionException} around it. */
        R join() {
            return done.join();
        }
    }

    private final String name;
    private final int maxBatch;
    private final BatchWrite<I, R> batchWrite;
    private final BlockingQueue<Request<I, R>> queue = new LinkedBlockingQueue<>();
    // submit() holds the read side while enqueueing, close() the write side, so nothing is enqueued after STOP.
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final Request<I, R> stop = new Request<>(null);
    private final List<Thread> writers;
    private boolean closed; // guarded by gate

    private GroupCommit(String name, int maxBatch, int writerCount, BatchWrite<I, R> batchWrite) {
        this.name = name;
        this.maxBatch = maxBatch;
        this.batchWrite = batchWrite;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < writerCount; i++) {
            threads.add(Thread.ofPlatform().name("appmsg-" + name + "-writer-" + i).daemon(true).unstarted(this::run));
        }
        this.writers = List.copyOf(threads);
    }

    /** Starts {@code writerCount} writer threads named after {@code name} (for example {@code user}). */
    static <I, R> GroupCommit<I, R> start(String name, int maxBatch, int writerCount, BatchWrite<I, R> batchWrite) {
        if (maxBatch < 1 || writerCount < 1) {
            throw new IllegalArgumentException("maxBatch and writerCount must be positive");
        }
        GroupCommit<I, R> groupCommit = new GroupCommit<>(name, maxBatch, writerCount, batchWrite);
        groupCommit.writers.forEach(Thread::start);
        return groupCommit;
    }

    /**
     * Starts writers whose batch write answers the requests in order with what {@code writeAll} returns for their
     * items (one answer per item, in order). When {@code writeAll} fails with a conflict ({@link
     * Database#isConflict}: it keeps losing races with concurrent writes, or the batch only works one call at a
     * time) and the batch holds more than one request, each item is written alone with {@code writeOne} instead,
     * in arrival order, and answered on its own; any other failure fails the whole batch.
     */
    static <I, R> GroupCommit<I, R> start(String name, int maxBatch, int writerCount,
            Function<List<I>, List<R>> writeAll, Function<I, R> writeOne) {
        return start(name, maxBatch, writerCount, batch -> {
            List<R> answers;
            try {
                answers = writeAll.apply(batch.stream().map(Request::item).toList());
            } catch (StorageUnavailableException e) {
                if (batch.size() == 1 || !Database.isConflict(e)) {
                    throw e;
                }
                log.debug("{} batch of {} conflicted; writing each request alone", name, batch.size(), e);
                for (Request<I, R> request : batch) {
                    try {
                        request.complete(writeOne.apply(request.item()));
                    } catch (RuntimeException alone) {
                        request.fail(alone);
                    }
                }
                return;
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).complete(answers.get(i));
            }
        });
    }

    /**
     * Writes {@code items} as one batch on the calling thread, exactly as a writer would, and returns their
     * answers (for tests); a failed request throws {@link CompletionException}, a failed batch its failure.
     */
    List<R> writeAsOneBatch(List<I> items) {
        List<Request<I, R>> batch = items.stream().map(Request<I, R>::new).toList();
        batchWrite.write(batch);
        return batch.stream().map(Request::join).toList();
    }

    /**
     * Queues {@code item} and waits until a writer has answered it.
     *
     * @throws StorageUnavailableException when its batch failed or the writers are stopped ({@code what}, for
     *     example "upserting user u1", names the call in the message)
     */
    R submit(I item, String what) {
        Request<I, R> request = new Request<>(item);
        gate.readLock().lock();
        try {
            if (closed) {
                throw new StorageUnavailableException("the " + name + " writer is stopped", null);
            }
            queue.add(request);
        } finally {
            gate.readLock().unlock();
        }
        try {
            return request.join();
        } catch (CompletionException e) {
            // a fresh exception per caller, so each one carries its own stack
            if (e.getCause() instanceof MidsExhaustedException exhausted) {
                throw new MidsExhaustedException(exhausted.mailbox()); // not an outage: the same call fails again
            }
            throw new StorageUnavailableException(what + " failed", e.getCause());
        }
    }

    /** Writes what was queued before this call, then stops the writers; later submits fail. Idempotent. */
    void close() {
        gate.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            writers.forEach(w -> queue.add(stop)); // one each; they come after every accepted request
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
        List<Request<I, R>> batch = new ArrayList<>(maxBatch);
        boolean stopping = false;
        while (!stopping) {
            batch.add(take());
            queue.drainTo(batch, maxBatch - 1);
            int stops = (int) batch.stream().filter(r -> r == stop).count();
            batch.removeIf(r -> r == stop);
            if (!batch.isEmpty()) {
                writeAndAnswer(batch);
            }
            batch.clear();
            // STOPs are the last requests ever queued; one is this writer's, the others go back to the rest
            for (int i = 1; i < stops; i++) {
                queue.add(stop);
            }
            stopping = stops > 0;
        }
    }

    private Request<I, R> take() {
        while (true) {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                // nobody interrupts this thread on purpose (H2 closes its files on interrupts); keep serving
                log.warn("{} writer interrupted; ignoring", name);
            }
        }
    }

    private void writeAndAnswer(List<Request<I, R>> batch) {
        try {
            batchWrite.write(List.copyOf(batch));
        } catch (RuntimeException | Error e) { // the writer must outlive any failure, or callers wait forever
            log.warn("{} batch of {} failed", name, batch.size(), e);
            batch.forEach(r -> r.fail(e));
            return;
        }
        for (Request<I, R> r : batch) {
            if (!r.isAnswered()) {
                r.fail(new IllegalStateException("the " + name + " batch left a request unanswered"));
            }
        }
        log.debug("committed a {} batch of {}", name, batch.size());
    }
}

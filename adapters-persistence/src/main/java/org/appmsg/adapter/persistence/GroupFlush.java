package org.appmsg.adapter.persistence;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.appmsg.application.port.out.StorageUnavailableException;

/**
 * {@link Durability} through a flush of the whole store that covers everything committed before it started, shared
 * by concurrent callers: a caller waits for the first flush that starts after its call (running it itself when none
 * is running), so however many callers arrive while one flush runs, they are all served by the next single one.
 * Under load that is one flush per flush duration, whatever the number of writers.
 *
 * <p>When the previous round served several callers (writers are arriving concurrently), the next one starts no
 * sooner than {@code minInterval} after it (the caller that would start it waits for the rest of the interval, and
 * everyone arriving meanwhile joins): a cap on the rounds per second under load, at the cost of at most that much
 * extra latency. A round that served a single caller is followed at once: one writer at a time has nobody to
 * share with, and waiting would only slow it down.
 *
 * <p>Failure: a caller whose flush failed (and was not followed by a successful one) gets the failure; later
 * callers try again with a new flush. Waiting uses a {@link ReentrantLock}, so virtual threads do not pin their
 * carrier while they wait.
 */
final class GroupFlush implements Durability {

    /** Makes everything committed before the call durable; throws when it could not. */
    @FunctionalInterface
    interface Flush {
        void run();
    }

    private final Flush flush;
    private final long minIntervalNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finished = lock.newCondition();
    // rounds are numbered from 1 in the order they start; all guarded by lock
    private long started;
    private long succeeded;
    private long failed;
    private RuntimeException failure;
    private boolean running;
    private long lastStart; // System.nanoTime() of the latest round's start
    private int lastServed; // callers that arrived for the latest round
    private int arrived; // callers since the latest round started

    GroupFlush(Flush flush, Duration minInterval) {
        this.flush = flush;
        this.minIntervalNanos = minInterval.toNanos();
    }

    @Override
    public void awaitDurable() {
        boolean interrupted = false;
        lock.lock();
        try {
            long needed = started + 1; // the first round that starts after this call covers its writes
            arrived++;
            while (succeeded < needed) {
                if (failed >= needed) {
                    throw new StorageUnavailableException("flushing the store to disk failed", failure);
                }
                long early = lastServed <= 1 ? 0 : lastStart + minIntervalNanos - System.nanoTime();
                if (running) {
                    finished.awaitUninterruptibly();
                } else if (early > 0) {
                    try {
                        finished.awaitNanos(early);
                    } catch (InterruptedException e) {
                        interrupted = true; // the wait is short: finish it, and keep the interrupt for the caller
                    }
                } else {
                    runRound();
                }
            }
        } finally {
            lock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs one round outside the lock, so that callers arriving meanwhile can queue up for the next one. */
    private void runRound() {
        long round = ++started;
        running = true;
        lastStart = System.nanoTime();
        lastServed = arrived;
        arrived = 0;
        boolean done = false;
        RuntimeException error = null;
        lock.unlock();
        try {
            flush.run();
            done = true;
        } catch (RuntimeException e) {
            error = e;
        } finally { // also after an Error, which then goes on to this caller
            lock.lock();
            running = false;
            if (done) {
                succeeded = round;
            } else {
                failed = round;
                failure = error;
            }
            finished.signalAll();
        }
    }
}

package org.appmsg.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The open-loop sender of one step: messages {@code 0 .. total-1} go out at the times {@link RateSchedule} gives
 * them, over a fixed set of {@link Lane}s (one keep-alive connection each, one request at a time). A free lane
 * takes the next message, waits for its intended time if that is still ahead, and sends it; when every lane is
 * busy the next message simply starts late, and its latency, counted from the intended time, shows it. A message
 * whose intended time is more than the give-up margin in the past when a lane gets to it is not sent at all
 * ({@link StepLedger#unsent}), so a step always ends: by {@code giveUpAt} no lane starts anything new.
 */
public final class FixedRateSender {

    /** The sender's clock: the same monotonic nanoseconds the receivers stamp arrivals with. */
    public interface Clock {
        long nanoTime();

        /** Returns at (or after) {@code nanos}. */
        void sleepUntil(long nanos) throws InterruptedException;

        /** {@link System#nanoTime()}, sleeping with {@link LockSupport#parkNanos}. */
        Clock SYSTEM = new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleepUntil(long nanos) throws InterruptedException {
                for (long left = nanos - System.nanoTime(); left > 0; left = nanos - System.nanoTime()) {
                    LockSupport.parkNanos(left);
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                }
            }
        };
    }

    /** One connection: sends message {@code k} and waits for its answer. Used by one thread only. */
    public interface Lane {
        /** @throws IOException when the request failed or timed out after it may have been written */
        Answer send(int k) throws IOException;
    }

    /** The answer to one message: which route carried it (for the per-route latency) and whether it was ret 0. */
    public record Answer(int route, boolean accepted) {
    }

    private final StepLedger ledger;
    private final Clock clock;
    private final long giveUpAt;
    private final AtomicInteger next = new AtomicInteger();

    /** @param giveUpAt no message is started after this time (shared clock); the rest count as unsent */
    public FixedRateSender(StepLedger ledger, Clock clock, long giveUpAt) {
        this.ledger = ledger;
        this.clock = clock;
        this.giveUpAt = giveUpAt;
    }

    /** Runs one lane until every message of the step is taken; returns early only when interrupted. */
    public void drive(Lane lane) {
        RateSchedule schedule = ledger.schedule();
        try {
            for (int k = next.getAndIncrement(); k < ledger.total(); k = next.getAndIncrement()) {
                long due = schedule.intendedAt(k);
                if (due > clock.nanoTime()) {
                    clock.sleepUntil(due);
                }
                long start = clock.nanoTime();
                if (start > giveUpAt) {
                    ledger.unsent(k);
                    continue;
                }
                ledger.sending(k, start);
                try {
                    Answer answer = lane.send(k);
                    ledger.answered(k, answer.route(), answer.accepted(), clock.nanoTime());
                } catch (IOException e) {
                    ledger.failed(k);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs each lane on a platform thread of its own and returns when all have finished: {@code giveUpAt} bounds
     * what they start, and each lane's own read timeout bounds a request in flight.
     */
    public void driveAll(List<? extends Lane> lanes, String name) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            Lane lane = lanes.get(i);
            threads.add(Thread.ofPlatform().name(name + "-" + i).start(() -> drive(lane)));
        }
        for (Thread t : threads) {
            t.join();
        }
    }
}

package org.appmsg.adapter.ws;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import org.appmsg.domain.message.MailboxEntry;

/**
 * The outbound sequencing of one connection: replays its mailbox after the client's mid, then switches
 * to live frames with no gap and no duplicate at the seam. Its monitor is the connection's lock; frames
 * are handed to the {@link Sink} with it held, so they leave in the order decided here.
 *
 * <p>While replaying, live frames are not sent but mark the gate dirty: they are durable before they are
 * delivered, so a later replay round reads them. The switch to live happens, atomically with the last
 * round, only when that round returned a short page and nothing was delivered during it. Live mode drops
 * what the replay already covered (mid at or below the seam) and repeats of a mid it already sent
 * (a 64-mid window), but still sends a mid that arrives after a higher one: separate deliver calls for
 * one mailbox may overtake each other, and dropping the late one would lose it for good. A live-only frame
 * (mid 0, never stored) is sent at once, even while replaying, and takes no part in that bookkeeping.
 */
final class ResumeGate {

    /** Writes frames to the socket; called with the gate's lock held. */
    interface Sink {
        /** False when the connection cannot take the frame (outbound queue full): the gate stops. */
        boolean send(Frame frame);
    }

    private static final int WINDOW = Long.SIZE;

    private final Sink sink;
    private long seam;
    private long highest;
    private long window;
    private boolean replaying;
    private boolean dirty;
    private boolean stopped;

    private ResumeGate(Sink sink, long after, boolean replaying) {
        this.sink = sink;
        this.seam = after;
        this.highest = after;
        this.replaying = replaying;
    }

    /** A connection without a resume mid: live from the moment it is registered. */
    static ResumeGate live(Sink sink) {
        return new ResumeGate(sink, 0, false);
    }

    /** A connection that must first replay everything after {@code mid}. */
    static ResumeGate resumingAfter(long mid, Sink sink) {
        return new ResumeGate(sink, mid, true);
    }

    /**
     * Runs {@code opening} (register, send the ready frame) under the lock unless the gate is stopped,
     * so no frame overtakes what it sends and a concurrent {@link #stop} cannot miss the registration.
     */
    synchronized boolean admit(BooleanSupplier opening) {
        return !stopped && opening.getAsBoolean();
    }

    /** A live frame. False when the sink refused it: the caller must close the connection. */
    synchronized boolean offer(Frame frame) {
        if (stopped) {
            return true;
        }
        if (frame.mid() == 0) {
            return sendOrStop(frame); // live only: no replay can bring it, and it moves no cursor
        }
        if (replaying) {
            dirty = true;
            return true;
        }
        return !firstSeen(frame.mid()) || sendOrStop(frame);
    }

    /**
     * Replays pages of {@code pageSize} from {@code pageAfter} (which blocks, so it runs without the
     * lock) until the switch to live. False when the sink refused a frame.
     */
    boolean replay(LongFunction<List<MailboxEntry>> pageAfter, int pageSize) {
        while (true) {
            long after;
            synchronized (this) {
                if (stopped || !replaying) {
                    return true;
                }
                after = highest;
            }
            List<MailboxEntry> page = pageAfter.apply(after);
            synchronized (this) {
                if (stopped) {
                    return true;
                }
                for (MailboxEntry entry : page) {
                    if (entry.mid() > highest) {
                        highest = entry.mid();
                        if (!sendOrStop(new Frame(entry))) {
                            return false;
                        }
                    }
                }
                if (page.size() >= pageSize && highest == after) {
                    throw new IllegalStateException("replay returned a full page without progress after mid " + after);
                }
                if (page.size() < pageSize && !dirty) {
                    replaying = false;
                    seam = highest;
                    return true;
                }
                dirty = false;
            }
        }
    }

    /** No frame leaves after this. Idempotent. */
    synchronized void stop() {
        stopped = true;
    }

    synchronized boolean isLive() {
        return !replaying && !stopped;
    }

    private boolean firstSeen(long mid) {
        if (mid <= seam) {
            return false;
        }
        if (mid > highest) {
            long shift = mid - highest;
            window = shift >= WINDOW ? 1L : (window << shift) | 1L;
            highest = mid;
            return true;
        }
        long behind = highest - mid;
        if (behind >= WINDOW) {
            return true; // far behind the window: a possible repeat is better than a loss
        }
        long bit = 1L << behind;
        boolean fresh = (window & bit) == 0;
        window |= bit;
        return fresh;
    }

    private boolean sendOrStop(Frame frame) {
        if (sink.send(frame)) {
            return true;
        }
        stopped = true;
        return false;
    }
}

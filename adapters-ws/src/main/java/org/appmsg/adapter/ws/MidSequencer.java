package org.appmsg.adapter.ws;

import java.util.List;
import java.util.function.Supplier;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.name.Name;

/**
 * The order in which one connection's frames leave: strictly increasing mids, none skipped, none twice. Its
 * monitor is the connection's lock; frames go to the {@link Sink} with it held, so they leave in the order
 * decided here.
 *
 * <p>The sequencer keeps a cursor: every stored mid of the mailbox at or below it is settled for this
 * connection (sent, known not to be for it, or read from the mailbox). Every stored entry of the mailbox
 * reaches it once it is durable, either as a frame ({@link #offer}) or as a mid that is not for this
 * connection ({@link #skip}: another session's, the sending device's own). The next mid goes out at once; a
 * mid above a gap is held. A gap still open after the gap wait is filled by reading the mailbox after the
 * cursor, off the socket threads; what is at or below the cursor is dropped as already settled. Holding is
 * bounded: past {@code maxHeld} the frames above are let go and the next read goes to the mailbox's end. A
 * read sends as fast as the client takes frames ({@link Sink#awaitRoom}), not as fast as it reads pages.
 *
 * <p>A connection starts with a read ({@link #catchUp}): a resuming one replays its mailbox after the client's
 * mid, a new one reads where the mailbox ends; live frames that arrive meanwhile are held. A read leans on the
 * {@code Mailbox} guarantee that entries become visible in mid order: a held frame is durable, so every lower
 * mid is visible to a read that starts after it arrived, and one that such a read does not return has expired. A
 * frame read from the mailbox is the stored copy (no {@code activeSessions}) unless the live one is held for
 * its mid. Live-only frames (mid 0, never stored) take no part: they are sent as they come, also while a resume
 * replays, except before a new connection's ready frame.
 */
final class MidSequencer {

    /** The connection's side. */
    interface Sink {
        /** Writes a frame; with the lock held. False when the connection cannot take it: the sequencer stops. */
        boolean send(Frame frame);

        /**
         * Waits, on a read's own thread and without the lock, until the connection has room for frames, and says
         * for how many (at most {@code wanted}); 0 when the client made no room for too long or the connection is
         * closing. A read paces itself by it, so a backlog larger than the outbound queue still gets through.
         */
        int awaitRoom(int wanted);

        /** A background read found the connection full or got no room; the sequencer stopped. Without the lock. */
        void fellBehind();

        /** A background read of the mailbox failed; the sequencer stopped. Called without the lock. */
        void readFailed(RuntimeException failure);
    }

    /**
     * The mailbox reads, clock and executors every sequencer of an adapter shares. {@link #page} and
     * {@link #lastMid} block, so they are never called with the lock held.
     */
    interface Backfill {
        /** Up to {@link #pageSize} unexpired entries of {@code mailbox} after {@code mid}, in mid order. */
        List<MailboxEntry> page(Name mailbox, long mid);

        /** The highest mid given out in {@code mailbox}; entries that become visible later have higher ones. */
        long lastMid(Name mailbox);

        int pageSize();

        /** How long a gap may stay open before it is filled from the mailbox. */
        long gapWaitNanos();

        long nanoTime();

        /** Runs {@code task} once after {@code delayNanos}; dropped when the adapter is stopping. */
        void schedule(Runnable task, long delayNanos);

        /** Runs {@code read}, which blocks, off the socket threads; false when the adapter is stopping. */
        boolean execute(Runnable read);
    }

    private static final long UNANCHORED = -1;

    private final Sink sink;
    private final Name mailbox;
    private final Backfill backfill;
    private final HeldFrames held;
    private long cursor;
    private boolean reading = true; // every connection starts with a read: the replay, or where the mailbox ends
    private boolean overflowed;
    private boolean checkScheduled;
    private long stuckAt = Long.MIN_VALUE;
    private long stuckSince;
    private boolean stopped;

    private MidSequencer(Sink sink, Name mailbox, Backfill backfill, int maxHeld, long cursor) {
        this.sink = sink;
        this.mailbox = mailbox;
        this.backfill = backfill;
        this.held = new HeldFrames(maxHeld);
        this.cursor = cursor;
    }

    /** A connection without a resume mid: its stream starts where the mailbox ends when it is admitted. */
    static MidSequencer fresh(Sink sink, Name mailbox, Backfill backfill, int maxHeld) {
        return new MidSequencer(sink, mailbox, backfill, maxHeld, UNANCHORED);
    }

    /** A connection that first replays everything after {@code mid}. */
    static MidSequencer resumingAfter(long mid, Sink sink, Name mailbox, Backfill backfill, int maxHeld) {
        return new MidSequencer(sink, mailbox, backfill, maxHeld, mid);
    }

    /**
     * Runs {@code opening} (register, send the ready frame) under the lock unless the sequencer is stopped, so
     * no frame overtakes what it sends and a concurrent {@link #stop} cannot miss the registration.
     */
    synchronized <T> T admit(Supplier<T> opening, T ifStopped) {
        return stopped ? ifStopped : opening.get();
    }

    /**
     * The first read, on the caller's thread (it blocks): a resuming connection replays the mailbox after its mid;
     * a new one reads the mailbox's last mid, runs {@code ready} (its ready frame) under the lock and starts there.
     * False when the connection could not take a frame. A failed read throws and leaves the sequencer as it was.
     */
    boolean catchUp(Runnable ready) {
        boolean fresh;
        synchronized (this) {
            fresh = cursor == UNANCHORED;
        }
        if (!fresh) {
            return read(true);
        }
        long last = backfill.lastMid(mailbox);
        synchronized (this) {
            if (stopped) {
                return true;
            }
            cursor = last;
            ready.run();
            held.dropThrough(last);
            reading = false;
            return settle();
        }
    }

    /** A live frame for this connection. */
    void offer(Frame frame) {
        if (!accept(frame.mid(), frame)) {
            sink.fellBehind();
        }
    }

    /** A stored mid of the mailbox that is not for this connection; it only moves the cursor. */
    void skip(long mid) {
        if (mid > 0 && !accept(mid, HeldFrames.SKIP)) {
            sink.fellBehind(); // frames held above it went out and one did not fit
        }
    }

    /**
     * Frames on their way here may have been lost (the cluster bus reconnected): reads the mailbox after the cursor
     * to its end in the background and sends what it finds in order. Nothing when a read is already under way (it
     * reads to the end too, or a gap check follows it), before the first read anchored the cursor, or once stopped.
     */
    synchronized void recheck() {
        if (!stopped && !reading && cursor != UNANCHORED) {
            startRead(true);
        }
    }

    /** No frame leaves after this. Idempotent. */
    synchronized void stop() {
        stopped = true;
        held.clear();
    }

    synchronized boolean isLive() {
        return !reading && !stopped;
    }

    /** False when a frame was refused. */
    private synchronized boolean accept(long mid, Object decision) {
        if (stopped) {
            return true;
        }
        if (mid == 0) { // live only: nothing can bring it later, and it moves no cursor
            return decision == HeldFrames.SKIP || cursor == UNANCHORED || sendOrStop((Frame) decision);
        }
        if (mid <= cursor) {
            return true;
        }
        if (reading) {
            hold(mid, decision);
            return true;
        }
        if (mid == cursor + 1 && held.isEmpty()) {
            return emit(mid, decision); // the common case: in order, nothing held
        }
        hold(mid, decision);
        return settle();
    }

    private void hold(long mid, Object decision) {
        if (!held.put(mid, decision)) {
            overflowed = true; // it is in the mailbox: a read to the end brings it
        }
    }

    /**
     * With the lock held and no read under way: sends what the cursor reaches, then starts a read when frames
     * were let go, or watches the gap that is left. False when a frame was refused.
     */
    private boolean settle() {
        while (!held.isEmpty() && held.first() <= cursor + 1) {
            long mid = held.first();
            Object decision = held.pollFirst();
            if (mid > cursor && !emit(mid, decision)) {
                return false;
            }
        }
        if (overflowed) {
            startRead(true);
        } else if (!held.isEmpty()) {
            if (stuckAt != cursor) {
                stuckAt = cursor;
                stuckSince = backfill.nanoTime();
            }
            scheduleCheck(backfill.gapWaitNanos());
        }
        return true;
    }

    private void scheduleCheck(long delayNanos) {
        if (!checkScheduled) {
            checkScheduled = true;
            backfill.schedule(this::checkGap, delayNanos);
        }
    }

    /** The timer: fills the gap if the cursor has not moved for the gap wait. */
    private synchronized void checkGap() {
        checkScheduled = false;
        if (stopped || reading || held.isEmpty()) {
            return;
        }
        long waited = backfill.nanoTime() - stuckSince;
        if (stuckAt == cursor && waited >= backfill.gapWaitNanos()) {
            startRead(false);
        } else {
            scheduleCheck(backfill.gapWaitNanos() - (stuckAt == cursor ? waited : 0));
        }
    }

    /** With the lock held: reads in the background, to the mailbox's end or up to the highest mid held. */
    private void startRead(boolean toTheEnd) {
        reading = true;
        overflowed = false;
        if (!backfill.execute(() -> readInBackground(toTheEnd))) {
            stopped = true; // the adapter is stopping and closes the connection
        }
    }

    private void readInBackground(boolean toTheEnd) {
        try {
            if (!read(toTheEnd)) {
                sink.fellBehind();
            }
        } catch (RuntimeException e) {
            stop();
            sink.readFailed(e);
        }
    }

    /**
     * Reads pages after the cursor (without the lock) and sends what they bring in order, up to the highest mid
     * held when each page was asked for, or to the end of the mailbox, as fast as the client makes room. False
     * when a frame was refused or the client made no room.
     */
    private boolean read(boolean toTheEnd) {
        while (true) {
            long after;
            long ceiling;
            synchronized (this) {
                if (stopped) {
                    return true;
                }
                after = cursor;
                ceiling = held.isEmpty() ? after : held.last();
            }
            List<MailboxEntry> page = backfill.page(mailbox, after);
            long limit = toTheEnd ? Long.MAX_VALUE : ceiling;
            int next = 0;
            while (next < page.size() && page.get(next).mid() <= limit) {
                int room = sink.awaitRoom(page.size() - next);
                synchronized (this) {
                    if (stopped) {
                        return true;
                    }
                    if (room <= 0) {
                        stop();
                        return false;
                    }
                    for (int end = Math.min(page.size(), next + room); next < end && page.get(next).mid() <= limit;
                            next++) {
                        MailboxEntry entry = page.get(next);
                        if (entry.mid() > cursor) {
                            Object live = held.takeThrough(entry.mid());
                            if (!emit(entry.mid(), live != null ? live : new Frame(entry))) {
                                return false;
                            }
                        }
                    }
                }
            }
            if (next == page.size() && page.size() >= backfill.pageSize()) { // a full page: there may be more
                synchronized (this) {
                    if (cursor == after && !stopped) {
                        throw new IllegalStateException("a full page without progress after mid " + after);
                    }
                }
                continue;
            }
            return finishRead(ceiling);
        }
    }

    /**
     * Every mid up to the ceiling was visible when the last page was read, so one it did not bring has expired;
     * the frames held meanwhile go out once the client has room for them.
     */
    private boolean finishRead(long ceiling) {
        int waiting;
        synchronized (this) {
            if (stopped) {
                return true;
            }
            cursor = Math.max(cursor, ceiling);
            held.dropThrough(cursor);
            waiting = held.size();
        }
        int room = waiting == 0 ? 0 : sink.awaitRoom(waiting);
        synchronized (this) {
            if (stopped) {
                return true;
            }
            if (waiting > 0 && room <= 0) {
                stop();
                return false;
            }
            reading = false;
            return settle();
        }
    }

    private boolean emit(long mid, Object decision) {
        cursor = mid;
        return decision == HeldFrames.SKIP || sendOrStop((Frame) decision);
    }

    private boolean sendOrStop(Frame frame) {
        if (sink.send(frame)) {
            return true;
        }
        stop();
        return false;
    }
}

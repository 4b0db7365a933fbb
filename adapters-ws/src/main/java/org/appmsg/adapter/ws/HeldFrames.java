package org.appmsg.adapter.ws;

import java.util.Arrays;

/**
 * What a {@link MidSequencer} holds above a gap: for each mid the frame to send, or {@link #SKIP} when the mid
 * is known not to be for the connection. Kept in mid order in two parallel arrays that grow on demand up to a
 * limit and are let go when a connection's gaps close: a gap is short-lived, so this is usually empty and
 * allocates nothing. Not thread-safe: the sequencer's lock guards it.
 */
final class HeldFrames {

    /** The decision for a mid that is not for this connection (another session's, or the sender's own device's). */
    static final Object SKIP = new Object();

    private static final long[] NO_MIDS = new long[0];
    private static final Object[] NO_DECISIONS = new Object[0];
    private static final int FIRST_CAPACITY = 4;
    private static final int KEPT_CAPACITY = 16;

    private final int limit;
    private long[] mids = NO_MIDS;
    private Object[] decisions = NO_DECISIONS;
    private int from;
    private int to;

    /** @param limit most mids held at once */
    HeldFrames(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        this.limit = limit;
    }

    boolean isEmpty() {
        return from == to;
    }

    int size() {
        return to - from;
    }

    /** The lowest mid held; only when not {@link #isEmpty}. */
    long first() {
        return mids[from];
    }

    /** The highest mid held; only when not {@link #isEmpty}. */
    long last() {
        return mids[to - 1];
    }

    /** Holds {@code decision} for {@code mid}; a mid already held keeps its decision. False when full. */
    boolean put(long mid, Object decision) {
        int at = Arrays.binarySearch(mids, from, to, mid);
        if (at >= 0) {
            return true;
        }
        if (to - from >= limit) {
            return false;
        }
        at = -at - 1;
        if (to == mids.length) {
            at -= from;
            makeRoom();
            at += from;
        }
        System.arraycopy(mids, at, mids, at + 1, to - at);
        System.arraycopy(decisions, at, decisions, at + 1, to - at);
        mids[at] = mid;
        decisions[at] = decision;
        to++;
        return true;
    }

    /** Removes the lowest mid held and returns its decision; only when not {@link #isEmpty}. */
    Object pollFirst() {
        Object decision = decisions[from];
        decisions[from++] = null;
        if (from == to) {
            clear();
        }
        return decision;
    }

    /**
     * The decision held for {@code mid}, or null when none is; either way every mid up to {@code mid} is no longer
     * held. A read of the mailbox calls it for each entry in mid order.
     */
    Object takeThrough(long mid) {
        while (!isEmpty() && first() < mid) {
            pollFirst();
        }
        return !isEmpty() && first() == mid ? pollFirst() : null;
    }

    /** Lets go of every mid at or below {@code mid}. */
    void dropThrough(long mid) {
        while (!isEmpty() && first() <= mid) {
            pollFirst();
        }
    }

    void clear() {
        Arrays.fill(decisions, from, to, null);
        from = 0;
        to = 0;
        if (mids.length > KEPT_CAPACITY) { // a long gap grew it: do not keep that per connection
            mids = NO_MIDS;
            decisions = NO_DECISIONS;
        }
    }

    /** Moves what is held to the front, growing the arrays when that frees nothing. */
    private void makeRoom() {
        int size = to - from;
        if (from > 0) {
            System.arraycopy(mids, from, mids, 0, size);
            System.arraycopy(decisions, from, decisions, 0, size);
            Arrays.fill(decisions, size, to, null);
        } else {
            int capacity = Math.min(limit, Math.max(FIRST_CAPACITY, mids.length * 2));
            mids = Arrays.copyOf(mids, capacity);
            decisions = Arrays.copyOf(decisions, capacity);
        }
        from = 0;
        to = size;
    }
}

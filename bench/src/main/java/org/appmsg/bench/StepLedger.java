package org.appmsg.bench;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The book of one open-loop step: which messages were due, which were sent and how each was answered, how many
 * copies of each arrived, and the latencies, all measured from each message's intended send time
 * ({@link RateSchedule}). Messages {@code 0 .. warmup-1} warm the server up and are left out of every figure;
 * messages {@code warmup .. total-1} are the measured window.
 *
 * <p>Thread-safety: {@link #sending}, {@link #answered}, {@link #failed} and {@link #unsent} for one message are
 * called by the one sender lane that took it; {@link #frame} by any receiver thread. The per-message statuses are
 * read by {@link #tally} only after every lane has finished (a {@code Thread.join} orders the writes before it).
 */
public final class StepLedger {

    /** What became of a message on the sending side. */
    enum Status {
        /** Not taken by a lane (yet). */
        PENDING,
        /** Handed to the connection; no answer (yet). */
        SENT,
        /** Answered {@code ret 0}: stored (or, live-only, handed to the live sessions). */
        ACKED,
        /** Answered with another {@code ret}: refused, counted as an error, never expected at a receiver. */
        REFUSED,
        /** The connection failed or timed out after the request was written: it may have arrived. */
        FAILED,
        /** Never sent: its intended time lay too far in the past when a lane got to it. */
        UNSENT
    }

    private static final Status[] STATUSES = Status.values();

    private final int step;
    private final RateSchedule schedule;
    private final int warmup;
    private final int total;
    private final int copiesPerMessage;
    private final byte[] status;
    private final AtomicIntegerArray received;
    private final Recorder delivery = new Recorder(3);
    private final Recorder recent = new Recorder(3);
    private final Recorder[] requestByRoute;
    private final Recorder sendLag = new Recorder(3);
    private final Histogram deliverySoFar = new Histogram(3);
    final LongAdder sent = new LongAdder();
    final LongAdder acked = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder frames = new LongAdder();
    private final LongAdder measuredFrames = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder strays = new LongAdder();

    /**
     * @param step             the step's number, carried in every message so that late frames of an earlier step
     *                         are told apart
     * @param warmup           messages of the warm-up (not measured)
     * @param total            messages of the step, warm-up included
     * @param copiesPerMessage frames each message must produce at the receivers (1 for unicast, the group size for
     *                         a group)
     * @param routes           how many routes the request latency is kept apart for
     */
    public StepLedger(int step, RateSchedule schedule, int warmup, int total, int copiesPerMessage, int routes) {
        if (warmup < 0 || total < warmup || copiesPerMessage < 1 || routes < 1) {
            throw new IllegalArgumentException("bad step shape");
        }
        this.step = step;
        this.schedule = schedule;
        this.warmup = warmup;
        this.total = total;
        this.copiesPerMessage = copiesPerMessage;
        this.status = new byte[total];
        this.received = new AtomicIntegerArray(total);
        this.requestByRoute = new Recorder[routes];
        for (int r = 0; r < routes; r++) {
            requestByRoute[r] = new Recorder(3);
        }
    }

    public int step() {
        return step;
    }

    public RateSchedule schedule() {
        return schedule;
    }

    public int total() {
        return total;
    }

    public int warmup() {
        return warmup;
    }

    boolean measured(long k) {
        return k >= warmup;
    }

    /** Message {@code k} is about to be written, at {@code startNanos} on the shared clock. */
    void sending(int k, long startNanos) {
        status[k] = (byte) Status.SENT.ordinal();
        sent.increment();
        if (measured(k)) {
            sendLag.recordValue(micros(startNanos - schedule.intendedAt(k)));
        }
    }

    /** Message {@code k} was answered at {@code answerNanos}; {@code accepted} = {@code ret 0}. */
    void answered(int k, int route, boolean accepted, long answerNanos) {
        status[k] = (byte) (accepted ? Status.ACKED : Status.REFUSED).ordinal();
        (accepted ? acked : refused).increment();
        if (measured(k)) {
            requestByRoute[route].recordValue(micros(answerNanos - schedule.intendedAt(k)));
        }
    }

    /** The request of message {@code k} failed after it was (perhaps) written. */
    void failed(int k) {
        status[k] = (byte) Status.FAILED.ordinal();
        failed.increment();
    }

    /** Message {@code k} was not sent at all (the sender was too far behind). */
    void unsent(int k) {
        status[k] = (byte) Status.UNSENT.ordinal();
    }

    /**
     * A receiver got a frame of message {@code k} of step {@code frameStep} at {@code nowNanos}; frames of other
     * steps and unknown messages are counted as strays, copies beyond {@code copiesPerMessage} as duplicates.
     */
    public void frame(int frameStep, long k, long nowNanos) {
        if (frameStep != step || k < 0 || k >= total) {
            strays.increment();
            return;
        }
        frames.increment();
        int copies = received.incrementAndGet((int) k);
        if (copies > copiesPerMessage) {
            duplicates.increment();
            return;
        }
        long latency = micros(nowNanos - schedule.intendedAt(k));
        recent.recordValue(latency);
        if (measured(k)) {
            measuredFrames.increment();
            delivery.recordValue(latency);
        }
    }

    /** Delivery latencies (µs) of every frame since the previous call, warm-up included: for progress lines. */
    synchronized Histogram recentDelivery() {
        return recent.getIntervalHistogram();
    }

    /** Delivery latencies (µs) of the measured window so far. */
    synchronized Histogram deliverySoFar() {
        deliverySoFar.add(delivery.getIntervalHistogram());
        return deliverySoFar.copy();
    }

    /** Frames of measured messages received so far (no duplicates). */
    long measuredFrames() {
        return measuredFrames.sum();
    }

    /** Frames the measured messages that were sent and not refused should produce; final once the lanes ended. */
    long expectedMeasuredFrames() {
        long expected = 0;
        for (int k = warmup; k < total; k++) {
            Status s = STATUSES[status[k]];
            if (s == Status.SENT || s == Status.ACKED || s == Status.FAILED) {
                expected += copiesPerMessage;
            }
        }
        return expected;
    }

    /** The measured window's figures; call after the lanes ended and the drain is over. */
    synchronized Tally tally() {
        long messages = total - warmup;
        long sentMeasured = 0;
        long ackedMeasured = 0;
        long refusedMeasured = 0;
        long failedMeasured = 0;
        long unsent = 0;
        long lostFrames = 0;
        long lostMessages = 0;
        long receivedFrames = 0;
        for (int k = warmup; k < total; k++) {
            Status s = STATUSES[status[k]];
            int copies = Math.min(copiesPerMessage, received.get(k));
            receivedFrames += copies;
            switch (s) {
                case PENDING, UNSENT -> unsent++;
                case REFUSED -> {
                    sentMeasured++;
                    refusedMeasured++;
                }
                case SENT, ACKED, FAILED -> {
                    sentMeasured++;
                    if (s == Status.ACKED) {
                        ackedMeasured++;
                    } else if (s == Status.FAILED) {
                        failedMeasured++;
                    }
                    if (copies < copiesPerMessage) {
                        lostFrames += copiesPerMessage - copies;
                        lostMessages++;
                    }
                }
            }
        }
        Histogram[] request = new Histogram[requestByRoute.length];
        for (int r = 0; r < request.length; r++) {
            request[r] = requestByRoute[r].getIntervalHistogram();
        }
        return new Tally(messages, sentMeasured, ackedMeasured, refusedMeasured, failedMeasured, unsent,
                messages * copiesPerMessage, receivedFrames, lostFrames, lostMessages, duplicates.sum(), strays.sum(),
                deliverySoFar(), request, sendLag.getIntervalHistogram());
    }

    /**
     * The measured window of a step: messages due in it, what became of them, frames expected and received (each
     * message's copies counted at most once), frames lost (copies of sent, unrefused messages that never arrived),
     * and the latency histograms in microseconds (delivery and request from the intended send time; send lag =
     * how late the sender started a message).
     */
    record Tally(long messages, long sent, long acked, long refused, long failed, long unsent, long expectedFrames,
                 long receivedFrames, long lostFrames, long lostMessages, long duplicates, long strays,
                 Histogram delivery, Histogram[] requestByRoute, Histogram sendLag) {
    }

    private static long micros(long nanos) {
        return Math.max(0, nanos / 1000);
    }
}

package org.appmsg.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.session.SessionId;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class MidSequencerTest {

    private static final long GAP_WAIT = 100;
    private static final long READY = -1;

    private final ConcurrentSkipListMap<Long, MailboxEntry> mailbox = new ConcurrentSkipListMap<>();
    private final Sink sink = new Sink();
    private final Backfill backfill = new Backfill();

    /**
     * Records what the sequencer sends; refuses once {@link #room} is used up, and makes room for at most
     * {@link #perWait} frames each time a read waits for it.
     */
    private static final class Sink implements MidSequencer.Sink {
        final List<Frame> frames = new CopyOnWriteArrayList<>();
        final List<Long> sent = new CopyOnWriteArrayList<>();
        volatile int room = Integer.MAX_VALUE;
        volatile int perWait = Integer.MAX_VALUE;
        volatile int waits;
        volatile int fellBehind;
        volatile RuntimeException failure;

        @Override
        public boolean send(Frame frame) {
            if (sent.size() >= room) {
                return false;
            }
            frames.add(frame);
            sent.add(frame.mid());
            return true;
        }

        @Override
        public int awaitRoom(int wanted) {
            waits++;
            long free = (long) room - sent.size();
            return (int) Math.max(0, Math.min(free, Math.min(wanted, perWait)));
        }

        @Override
        public void fellBehind() {
            fellBehind++;
        }

        @Override
        public void readFailed(RuntimeException e) {
            failure = e;
        }
    }

    /** The test's mailbox, a hand-driven clock and timer, and reads that run when the test says so. */
    private final class Backfill implements MidSequencer.Backfill {
        int pageSize = 4;
        long now;
        volatile boolean readsRunAtOnce;
        volatile UnaryOperator<List<MailboxEntry>> onPage = UnaryOperator.identity();
        volatile Runnable afterLastMid = () -> { };
        final List<long[]> reads = new CopyOnWriteArrayList<>();
        private final List<Object[]> timers = new ArrayList<>();
        private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();

        @Override
        public List<MailboxEntry> page(Name box, long mid) {
            reads.add(new long[] {mid});
            return onPage.apply(mailbox.tailMap(mid, false).values().stream().limit(pageSize).toList());
        }

        @Override
        public long lastMid(Name box) {
            long last = mailbox.isEmpty() ? 0 : mailbox.lastKey();
            afterLastMid.run();
            return last;
        }

        @Override
        public int pageSize() {
            return pageSize;
        }

        @Override
        public long gapWaitNanos() {
            return GAP_WAIT;
        }

        @Override
        public synchronized long nanoTime() {
            return now;
        }

        @Override
        public synchronized void schedule(Runnable task, long delayNanos) {
            timers.add(new Object[] {now + delayNanos, task});
        }

        @Override
        public boolean execute(Runnable read) {
            if (readsRunAtOnce) {
                Thread.ofVirtual().start(read);
            } else {
                pending.add(read);
            }
            return true;
        }

        /** Moves the clock and runs the timers that are due. */
        void advance(long nanos) {
            List<Runnable> due = new ArrayList<>();
            synchronized (this) {
                now += nanos;
                timers.removeIf(t -> {
                    if ((long) t[0] <= now) {
                        due.add((Runnable) t[1]);
                        return true;
                    }
                    return false;
                });
            }
            due.forEach(Runnable::run);
        }

        /** Runs the background reads started so far; how many. */
        int runReads() {
            int count = 0;
            for (Runnable read = pending.poll(); read != null; read = pending.poll()) {
                read.run();
                count++;
            }
            return count;
        }
    }

    private MidSequencer fresh() {
        return MidSequencer.fresh(sink, Entries.entry("7", 1).mailbox(), backfill, 64);
    }

    private MidSequencer resumingAfter(long mid) {
        return MidSequencer.resumingAfter(mid, sink, Entries.entry("7", 1).mailbox(), backfill, 64);
    }

    /** A new connection that caught up with an empty mailbox: its stream starts at mid 1. */
    private MidSequencer live() {
        MidSequencer sequencer = fresh();
        assertThat(sequencer.catchUp(() -> sink.sent.add(READY))).isTrue();
        sink.sent.clear();
        return sequencer;
    }

    private void store(long... mids) {
        for (long mid : mids) {
            mailbox.put(mid, Entries.entry("7", mid));
        }
    }

    private static Frame frame(long mid) {
        MailboxEntry entry = Entries.entry("7", mid);
        return new Frame(entry, List.<SessionId>of(), new Frame.Body(entry.json()));
    }

    @Test
    void frames_that_overtake_each_other_leave_in_mid_order() {
        MidSequencer sequencer = live();

        for (long mid : new long[] {2, 4, 3, 1, 5}) {
            sequencer.offer(frame(mid));
        }

        assertThat(sink.sent).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(backfill.reads).isEmpty();
    }

    @Test
    void a_recheck_sends_what_was_stored_but_never_offered_in_order_and_nothing_twice() {
        MidSequencer sequencer = live();
        store(1, 2, 3);
        sequencer.offer(frame(1));

        sequencer.recheck(); // the bus lost 2 and 3, and nothing after them came to show the gap
        assertThat(sink.sent).containsExactly(1L);
        assertThat(backfill.runReads()).isEqualTo(1);
        sequencer.offer(frame(3)); // late copies of what the read sent
        sequencer.offer(frame(2));
        store(4);
        sequencer.offer(frame(4));

        assertThat(sink.sent).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void a_recheck_while_a_read_is_under_way_or_before_the_first_one_starts_nothing() {
        MidSequencer unanchored = fresh();
        unanchored.recheck();
        assertThat(backfill.runReads()).isZero();

        MidSequencer sequencer = live();
        sequencer.offer(frame(1));
        sequencer.offer(frame(3));
        backfill.advance(GAP_WAIT); // the gap read starts
        sequencer.recheck();
        store(2, 3);
        assertThat(backfill.runReads()).isEqualTo(1);
        assertThat(sink.sent).containsExactly(1L, 2L, 3L);
    }

    @Test
    void repeats_and_mids_at_or_below_the_cursor_are_dropped() {
        MidSequencer sequencer = live();

        for (long mid : new long[] {1, 2, 2, 1, 4, 4, 3, 3}) {
            sequencer.offer(frame(mid));
        }

        assertThat(sink.sent).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void a_mid_that_is_not_for_the_connection_moves_the_cursor_without_a_frame() {
        MidSequencer sequencer = live();

        sequencer.offer(frame(1));
        sequencer.offer(frame(3)); // held: 2 has not come
        sequencer.skip(2); // another session's
        sequencer.skip(5);
        sequencer.offer(frame(4));
        sequencer.offer(frame(6));

        assertThat(sink.sent).containsExactly(1L, 3L, 4L, 6L);
    }

    @Test
    void a_new_connection_starts_where_the_mailbox_ends_after_its_ready_frame() {
        store(1, 2, 3);
        MidSequencer sequencer = fresh();
        sequencer.offer(frame(3)); // stored before the mailbox's end was read: not this connection's
        backfill.afterLastMid = () -> { // stored and delivered while the end is read: held until it is known
            store(4, 5);
            sequencer.offer(frame(5));
        };

        assertThat(sequencer.catchUp(() -> sink.sent.add(READY))).isTrue();
        sequencer.offer(frame(4));
        sequencer.offer(frame(6));

        assertThat(sink.sent).containsExactly(READY, 4L, 5L, 6L);
    }

    @Test
    void a_gap_closed_within_the_gap_wait_reads_nothing() {
        MidSequencer sequencer = live();
        sequencer.offer(frame(1));
        sequencer.offer(frame(3));

        backfill.advance(GAP_WAIT - 1);
        sequencer.offer(frame(2));
        backfill.advance(GAP_WAIT * 3);

        assertThat(backfill.runReads()).isZero();
        assertThat(sink.sent).containsExactly(1L, 2L, 3L);
    }

    @Test
    void a_gap_open_for_the_gap_wait_is_filled_from_the_mailbox_and_the_late_frame_is_dropped() {
        MidSequencer sequencer = live();
        store(1, 2, 3, 4);
        sequencer.offer(frame(1));
        Frame fourth = frame(4);
        sequencer.offer(fourth); // 2 and 3 are stored but their frames have not come

        backfill.advance(GAP_WAIT - 1);
        assertThat(backfill.runReads()).isZero();
        backfill.advance(1);
        assertThat(backfill.runReads()).isEqualTo(1);
        sequencer.offer(frame(3));
        sequencer.offer(frame(5));

        assertThat(sink.sent).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(sink.frames.get(3)).as("the live copy that was held, not the stored one").isSameAs(fourth);
    }

    @Test
    void a_fill_reads_no_further_than_the_highest_mid_held_so_later_frames_keep_their_targeting() {
        MidSequencer sequencer = live();
        store(LongStream.rangeClosed(1, 10).toArray());
        sequencer.offer(frame(1));
        sequencer.offer(frame(3));

        backfill.advance(GAP_WAIT);
        backfill.runReads();
        sequencer.skip(4); // another session's: a fill must not have sent it
        sequencer.offer(frame(5));

        assertThat(sink.sent).containsExactly(1L, 2L, 3L, 5L);
    }

    @Test
    void a_mid_in_the_gap_that_expired_is_passed_over() {
        MidSequencer sequencer = live();
        store(1, 3); // 2 expired and was removed
        sequencer.offer(frame(1));
        sequencer.offer(frame(3));

        backfill.advance(GAP_WAIT);
        backfill.runReads();
        sequencer.offer(frame(4));

        assertThat(sink.sent).containsExactly(1L, 3L, 4L);
    }

    @Test
    void a_gap_that_stays_open_after_a_fill_is_watched_again() {
        MidSequencer sequencer = live();
        store(1, 2, 3, 4, 5);
        sequencer.offer(frame(1));
        sequencer.offer(frame(3));
        backfill.onPage = page -> {
            backfill.onPage = UnaryOperator.identity();
            sequencer.offer(frame(5)); // arrives while the page is read, above what this read settles
            return page;
        };

        backfill.advance(GAP_WAIT);
        backfill.runReads();
        assertThat(sink.sent).as("up to the highest mid held when the read started").containsExactly(1L, 2L, 3L);

        backfill.advance(GAP_WAIT);
        backfill.runReads();
        assertThat(sink.sent).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void a_resume_replays_every_page_after_the_mid_then_goes_live_without_a_duplicate_at_the_seam() {
        store(LongStream.rangeClosed(1, 10).toArray());
        MidSequencer sequencer = resumingAfter(3);
        sequencer.offer(frame(9)); // live while replaying: held

        assertThat(sequencer.catchUp(() -> { throw new AssertionError("a resume was ready at admission"); }))
                .isTrue();
        assertThat(sequencer.isLive()).isTrue();
        sequencer.offer(frame(10));
        sequencer.offer(frame(3));
        sequencer.offer(frame(11));

        assertThat(sink.sent).containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
    }

    @Test
    void a_replay_goes_out_as_fast_as_the_client_makes_room_not_all_at_once() {
        store(LongStream.rangeClosed(1, 10).toArray());
        sink.perWait = 3;

        assertThat(resumingAfter(0).catchUp(() -> { })).isTrue();

        assertThat(sink.sent).containsExactlyElementsOf(LongStream.rangeClosed(1, 10).boxed().toList());
        assertThat(sink.waits).isGreaterThanOrEqualTo(4);
    }

    @Test
    void frames_delivered_while_a_page_is_read_follow_it_in_order() {
        store(1, 2);
        MidSequencer sequencer = resumingAfter(0);
        AtomicBoolean first = new AtomicBoolean(true);
        backfill.onPage = page -> {
            if (first.getAndSet(false)) { // read before mids 3 and 4 were durable
                store(3, 4);
                sequencer.offer(frame(4));
                sequencer.offer(frame(3));
            }
            return page;
        };

        sequencer.catchUp(() -> { });
        sequencer.offer(frame(3));

        assertThat(sink.sent).containsExactly(1L, 2L, 3L, 4L);
        assertThat(sequencer.isLive()).isTrue();
    }

    @RepeatedTest(20)
    void concurrent_deliveries_during_a_replay_arrive_exactly_once_and_in_order() throws Exception {
        backfill.pageSize = 16;
        backfill.readsRunAtOnce = true;
        store(LongStream.rangeClosed(1, 300).toArray());
        MidSequencer sequencer = resumingAfter(100);
        CountDownLatch go = new CountDownLatch(1);
        Thread writer = Thread.ofPlatform().start(() -> {
            awaitQuietly(go);
            for (long mid = 301; mid <= 2000; mid++) {
                store(mid); // durable first, then delivered, as the services do
                sequencer.offer(frame(mid));
            }
        });

        go.countDown();
        sequencer.catchUp(() -> { });
        writer.join();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (sink.sent.size() < 1900 && System.nanoTime() < deadline) {
            Thread.sleep(5); // past 64 held frames, the rest is read from the mailbox in the background
        }

        assertThat(sink.sent).containsExactlyElementsOf(LongStream.rangeClosed(101, 2000).boxed().toList());
    }

    @Test
    void past_the_holding_limit_frames_are_let_go_and_read_from_the_mailbox() {
        store(LongStream.rangeClosed(1, 100).toArray());
        MidSequencer sequencer = MidSequencer.fresh(sink, Entries.entry("7", 1).mailbox(), backfill, 4);
        sequencer.catchUp(() -> { });
        sequencer.offer(frame(101));
        store(LongStream.rangeClosed(101, 120).toArray());
        for (long mid = 120; mid >= 103; mid--) {
            sequencer.offer(frame(mid)); // 102 is late: more are held than the limit
        }

        assertThat(backfill.runReads()).as("read at once, without a gap wait, once frames were let go").isPositive();
        sequencer.offer(frame(102));

        assertThat(sink.sent).containsExactlyElementsOf(LongStream.rangeClosed(101, 120).boxed().toList());
    }

    @Test
    void live_only_frames_go_out_at_once_even_while_a_resume_replays_and_move_no_cursor() {
        store(1, 2, 3);
        MidSequencer sequencer = resumingAfter(0);
        sequencer.offer(frame(0));

        sequencer.catchUp(() -> { });
        sequencer.offer(frame(0));
        sequencer.offer(frame(4));
        sequencer.offer(frame(3));

        assertThat(sink.sent).containsExactly(0L, 1L, 2L, 3L, 0L, 4L);
    }

    @Test
    void a_live_only_frame_before_a_new_connections_ready_frame_is_not_sent() {
        MidSequencer sequencer = fresh();
        sequencer.offer(frame(0));

        sequencer.catchUp(() -> sink.sent.add(READY));
        sequencer.offer(frame(0));

        assertThat(sink.sent).containsExactly(READY, 0L);
    }

    @Test
    void a_refused_frame_stops_the_sequencer_and_says_so() {
        sink.room = 2;
        MidSequencer sequencer = live();

        for (long mid = 1; mid <= 4; mid++) {
            sequencer.offer(frame(mid));
        }

        assertThat(sink.sent).containsExactly(1L, 2L);
        assertThat(sink.fellBehind).isEqualTo(1);
        assertThat(sequencer.isLive()).isFalse();
    }

    @Test
    void a_fill_into_a_full_connection_says_so() {
        MidSequencer sequencer = live();
        store(1, 2, 3);
        sequencer.offer(frame(1));
        sequencer.offer(frame(3));
        sink.room = 1;

        backfill.advance(GAP_WAIT);
        backfill.runReads();

        assertThat(sink.fellBehind).isEqualTo(1);
        assertThat(sink.sent).containsExactly(1L);
    }

    @Test
    void a_replay_into_a_full_connection_reports_it() {
        store(1, 2, 3);
        sink.room = 1;

        assertThat(resumingAfter(0).catchUp(() -> { })).isFalse();
    }

    @Test
    void a_fill_that_fails_stops_the_sequencer_and_says_why() {
        MidSequencer sequencer = live();
        sequencer.offer(frame(2));
        backfill.onPage = page -> {
            throw new IllegalStateException("database down");
        };

        backfill.advance(GAP_WAIT);
        backfill.runReads();
        sequencer.offer(frame(1));

        assertThat(sink.failure).hasMessage("database down");
        assertThat(sink.sent).isEmpty();
    }

    @Test
    void a_stopped_sequencer_admits_and_sends_nothing() {
        MidSequencer sequencer = live();
        sequencer.stop();

        assertThat(sequencer.admit(() -> {
            throw new AssertionError("must not run");
        }, "stopped")).isEqualTo("stopped");
        sequencer.offer(frame(1));
        assertThat(sink.sent).isEmpty();
    }

    @Test
    void a_full_page_that_does_not_advance_is_a_bug_of_the_port() {
        store(1, 2);
        backfill.pageSize = 2;
        MidSequencer sequencer = resumingAfter(5);
        backfill.onPage = page -> List.copyOf(mailbox.values());

        assertThatThrownBy(() -> sequencer.catchUp(() -> { })).isInstanceOf(IllegalStateException.class);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.appmsg.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;
import java.util.stream.LongStream;
import org.appmsg.domain.message.MailboxEntry;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class ResumeGateTest {

    private final List<Long> sent = new ArrayList<>();
    private final ConcurrentSkipListMap<Long, MailboxEntry> mailbox = new ConcurrentSkipListMap<>();

    private boolean record(Frame frame) {
        sent.add(frame.mid());
        return true;
    }

    private LongFunction<List<MailboxEntry>> pages(int pageSize) {
        return after -> mailbox.tailMap(after, false).values().stream().limit(pageSize).toList();
    }

    private void store(long... mids) {
        for (long mid : mids) {
            mailbox.put(mid, Entries.entry("7", mid));
        }
    }

    private static Frame frame(long mid) {
        return new Frame(Entries.entry("7", mid));
    }

    @Test
    void a_live_gate_sends_in_order_and_drops_repeats() {
        ResumeGate gate = ResumeGate.live(this::record);

        for (long mid : new long[] {1, 2, 2, 3, 1}) {
            assertThat(gate.offer(frame(mid))).isTrue();
        }

        assertThat(sent).containsExactly(1L, 2L, 3L);
    }

    @Test
    void live_only_frames_with_mid_0_are_always_sent_even_while_replaying_and_move_no_cursor() {
        store(1, 2, 3);
        ResumeGate gate = ResumeGate.resumingAfter(0, this::record);
        gate.offer(frame(0)); // while replaying: sent at once, no replay could bring it

        assertThat(gate.replay(pages(10), 10)).isTrue();
        gate.offer(frame(0));
        gate.offer(frame(0));
        gate.offer(frame(4));
        gate.offer(frame(3));

        assertThat(sent).containsExactly(0L, 1L, 2L, 3L, 0L, 0L, 4L);
    }

    @Test
    void a_mid_that_arrives_after_a_higher_one_is_still_sent_once() {
        ResumeGate gate = ResumeGate.live(this::record);

        for (long mid : new long[] {5, 4, 5, 4, 200, 100}) {
            gate.offer(frame(mid));
        }

        assertThat(sent).containsExactly(5L, 4L, 200L, 100L);
    }

    @Test
    void a_resume_replays_every_page_after_the_mid_then_goes_live_without_a_duplicate_at_the_seam() {
        store(LongStream.rangeClosed(1, 10).toArray());
        ResumeGate gate = ResumeGate.resumingAfter(3, this::record);
        gate.offer(frame(9)); // live while replaying: not sent now

        assertThat(gate.replay(pages(3), 3)).isTrue();
        assertThat(gate.isLive()).isTrue();
        gate.offer(frame(10));
        gate.offer(frame(3));
        gate.offer(frame(11));

        assertThat(sent).containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
    }

    @Test
    void a_frame_delivered_while_a_page_is_read_forces_another_round() {
        store(1, 2);
        ResumeGate gate = ResumeGate.resumingAfter(0, this::record);
        AtomicBoolean first = new AtomicBoolean(true);
        LongFunction<List<MailboxEntry>> racing = after -> {
            List<MailboxEntry> page = pages(10).apply(after); // read before mid 3 is durable
            if (first.getAndSet(false)) {
                store(3);
                gate.offer(frame(3));
            }
            return page;
        };

        gate.replay(racing, 10);
        gate.offer(frame(3));

        assertThat(sent).containsExactly(1L, 2L, 3L);
        assertThat(gate.isLive()).isTrue();
    }

    @RepeatedTest(20)
    void concurrent_deliveries_during_a_replay_arrive_exactly_once_and_in_order() throws Exception {
        store(LongStream.rangeClosed(1, 300).toArray());
        ResumeGate gate = ResumeGate.resumingAfter(100, this::record);
        CountDownLatch go = new CountDownLatch(1);
        Thread writer = Thread.ofPlatform().start(() -> {
            awaitQuietly(go);
            for (long mid = 301; mid <= 2000; mid++) {
                store(mid); // durable first, then delivered, as the services do
                gate.offer(frame(mid));
            }
        });

        go.countDown();
        gate.replay(pages(16), 16);
        writer.join();

        assertThat(sent).containsExactlyElementsOf(LongStream.rangeClosed(101, 2000).boxed().toList());
    }

    @Test
    void a_refused_frame_stops_the_gate() {
        List<Long> accepted = new ArrayList<>();
        ResumeGate gate = ResumeGate.live(frame -> accepted.size() < 2 && accepted.add(frame.mid()));

        assertThat(gate.offer(frame(1))).isTrue();
        assertThat(gate.offer(frame(2))).isTrue();
        assertThat(gate.offer(frame(3))).isFalse();
        assertThat(gate.offer(frame(4))).isTrue();

        assertThat(accepted).containsExactly(1L, 2L);
        assertThat(gate.isLive()).isFalse();
    }

    @Test
    void a_replay_into_a_full_connection_reports_it() {
        store(1, 2, 3);
        ResumeGate gate = ResumeGate.resumingAfter(0, frame -> frame.mid() < 2);

        assertThat(gate.replay(pages(10), 10)).isFalse();
    }

    @Test
    void a_stopped_gate_admits_and_sends_nothing() {
        ResumeGate gate = ResumeGate.live(this::record);
        gate.stop();

        assertThat(gate.admit(() -> {
            throw new AssertionError("must not run");
        })).isFalse();
        gate.offer(frame(1));
        assertThat(sent).isEmpty();
    }

    @Test
    void a_full_page_that_does_not_advance_is_a_bug_of_the_port() {
        store(1, 2);
        ResumeGate gate = ResumeGate.resumingAfter(5, this::record);

        assertThatThrownBy(() -> gate.replay(after -> List.copyOf(mailbox.values()), 2))
                .isInstanceOf(IllegalStateException.class);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

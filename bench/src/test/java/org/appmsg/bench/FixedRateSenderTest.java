package org.appmsg.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The open-loop sender on a simulated clock: sends at intended times, and charges a stall to every message it delayed. */
class FixedRateSenderTest {

    private static final long MS = 1_000_000L;

    /** A clock that only moves when the sender sleeps or a lane "takes" time. */
    private static final class FakeClock implements FixedRateSender.Clock {
        long now;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepUntil(long nanos) {
            now = Math.max(now, nanos);
        }
    }

    /** A lane whose request takes {@code serviceNanos}, except message {@code slow}, which takes {@code stallNanos}. */
    private static FixedRateSender.Lane lane(FakeClock clock, List<Long> starts, long serviceNanos, int slow, long stallNanos) {
        return k -> {
            starts.add(clock.now);
            clock.now += k == slow ? stallNanos : serviceNanos;
            return new FixedRateSender.Answer(0, true);
        };
    }

    @Test
    void schedule_spaces_messages_by_the_rate_from_the_start() {
        RateSchedule s = new RateSchedule(5_000, 1000);
        assertThat(s.intendedAt(0)).isEqualTo(5_000);
        assertThat(s.intendedAt(1)).isEqualTo(5_000 + MS);
        assertThat(s.intendedAt(2500)).isEqualTo(5_000 + 2500 * MS);
        assertThat(new RateSchedule(0, 3).intendedAt(1)).isEqualTo(333_333_333L);
        assertThat(s.countWithin(2)).isEqualTo(2000);
        assertThat(new RateSchedule(0, 2.5).countWithin(1)).isEqualTo(3); // 0, 0.4 s, 0.8 s
        assertThatThrownBy(() -> new RateSchedule(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateSchedule(0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_fast_server_gets_each_message_exactly_at_its_intended_time() {
        FakeClock clock = new FakeClock();
        RateSchedule schedule = new RateSchedule(0, 1000);
        StepLedger ledger = new StepLedger(0, schedule, 0, 500, 1, 1);
        List<Long> starts = new ArrayList<>();
        new FixedRateSender(ledger, clock, Long.MAX_VALUE).drive(lane(clock, starts, MS / 4, -1, 0));

        assertThat(starts).hasSize(500);
        for (int k = 0; k < 500; k++) {
            assertThat(starts.get(k)).as("start of message %d", k).isEqualTo(schedule.intendedAt(k));
        }
        StepLedger.Tally t = ledger.tally();
        assertThat(t.acked()).isEqualTo(500);
        assertThat(t.requestByRoute()[0].getMaxValue()).isLessThanOrEqualTo(251); // 0.25 ms each, in µs
    }

    @Test
    void a_stall_is_charged_to_every_message_it_delayed_not_only_to_the_slow_one() {
        // 1,000 messages/s, 0.5 ms per request, but message 100 takes 500 ms: messages 101.. start late and catch
        // up at 0.5 ms per message, so about a thousand of them wait, most of them far more than 100 ms
        FakeClock clock = new FakeClock();
        RateSchedule schedule = new RateSchedule(0, 1000);
        StepLedger ledger = new StepLedger(0, schedule, 0, 3000, 1, 1);
        List<Long> starts = new ArrayList<>();
        new FixedRateSender(ledger, clock, Long.MAX_VALUE).drive(lane(clock, starts, MS / 2, 100, 500 * MS));

        Histogram fromIntended = ledger.tally().requestByRoute()[0];
        Histogram serviceTimeOnly = new Histogram(3); // what a closed-loop tool would have recorded
        for (int k = 0; k < 3000; k++) {
            serviceTimeOnly.recordValue(k == 100 ? 500_000 : 500);
        }
        assertThat(serviceTimeOnly.getCountBetweenValues(100_000, Long.MAX_VALUE)).isEqualTo(1);
        assertThat(fromIntended.getCountBetweenValues(100_000, Long.MAX_VALUE)).isGreaterThan(790);
        assertThat(fromIntended.getMaxValue()).isBetween(499_000L, 501_000L);
        assertThat(Percentiles.of(fromIntended).p90()).isGreaterThan(100);
        // message 101 was due at 101 ms and could only start when 100 was answered, at 600 ms
        assertThat(starts.get(101)).isEqualTo(600 * MS);
        // and the sender never sends early
        for (int k = 0; k < 3000; k++) {
            assertThat(starts.get(k)).isGreaterThanOrEqualTo(schedule.intendedAt(k));
        }
    }

    @Test
    void messages_due_too_long_ago_are_not_sent_and_counted_unsent() {
        // message 10 hangs for 2 s; nothing may start after 1 s
        FakeClock clock = new FakeClock();
        StepLedger ledger = new StepLedger(0, new RateSchedule(0, 1000), 0, 1000, 1, 1);
        List<Long> starts = new ArrayList<>();
        new FixedRateSender(ledger, clock, 1000 * MS).drive(lane(clock, starts, MS / 2, 10, 2000 * MS));

        assertThat(starts).hasSize(11);
        StepLedger.Tally t = ledger.tally();
        assertThat(t.sent()).isEqualTo(11);
        assertThat(t.unsent()).isEqualTo(989);
    }

    @Test
    void a_failed_request_is_recorded_as_failed_and_the_lane_goes_on() {
        FakeClock clock = new FakeClock();
        StepLedger ledger = new StepLedger(0, new RateSchedule(0, 1000), 0, 10, 1, 1);
        new FixedRateSender(ledger, clock, Long.MAX_VALUE).drive(k -> {
            if (k == 3) {
                throw new IOException("connection reset");
            }
            return new FixedRateSender.Answer(0, k != 4);
        });
        StepLedger.Tally t = ledger.tally();
        assertThat(t.sent()).isEqualTo(10);
        assertThat(t.acked()).isEqualTo(8);
        assertThat(t.failed()).isEqualTo(1);
        assertThat(t.refused()).isEqualTo(1);
    }

    @Test
    void several_lanes_share_one_schedule_and_send_each_message_once() throws InterruptedException {
        StepLedger ledger = new StepLedger(0, new RateSchedule(System.nanoTime(), 20_000), 0, 2000, 1, 1);
        java.util.Set<Integer> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<FixedRateSender.Lane> lanes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            lanes.add(k -> {
                assertThat(seen.add(k)).isTrue();
                return new FixedRateSender.Answer(0, true);
            });
        }
        new FixedRateSender(ledger, FixedRateSender.Clock.SYSTEM, Long.MAX_VALUE).driveAll(lanes, "test-lane");
        assertThat(seen).hasSize(2000);
        assertThat(ledger.tally().acked()).isEqualTo(2000);
    }
}

package org.appmsg.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a step counts as received, lost, duplicated and measured. */
class StepLedgerTest {

    private static final long MS = 1_000_000L;

    @Test
    void delivery_latency_runs_from_the_intended_time_and_leaves_the_warm_up_out() {
        StepLedger ledger = new StepLedger(3, new RateSchedule(0, 1000), 2, 5, 1, 1);
        for (int k = 0; k < 5; k++) {
            ledger.sending(k, k * MS);
            ledger.answered(k, 0, true, k * MS + MS);
        }
        ledger.frame(3, 0, 50 * MS);    // warm-up: not measured
        ledger.frame(3, 2, 2 * MS + 7 * MS);
        ledger.frame(3, 3, 3 * MS + 40 * MS);
        ledger.frame(3, 4, 4 * MS + 120 * MS);

        StepLedger.Tally t = ledger.tally();
        assertThat(t.messages()).isEqualTo(3);
        assertThat(t.delivery().getTotalCount()).isEqualTo(3);
        assertThat(t.delivery().getMinValue()).isBetween(6990L, 7010L);
        assertThat(t.delivery().getMaxValue()).isBetween(119_900L, 120_100L);
        assertThat(t.lostFrames()).isZero();
        assertThat(t.receivedFrames()).isEqualTo(3);
    }

    @Test
    void loss_counts_missing_copies_of_acknowledged_and_failed_messages_but_not_of_refused_or_unsent_ones() {
        // a group of 3: every message must arrive 3 times
        StepLedger ledger = new StepLedger(0, new RateSchedule(0, 100), 0, 6, 3, 1);
        ledger.sending(0, 0);
        ledger.answered(0, 0, true, 1);   // acked, all 3 copies arrive
        ledger.sending(1, 0);
        ledger.answered(1, 0, true, 1);   // acked, 1 copy arrives: 2 lost
        ledger.sending(2, 0);
        ledger.failed(2);                 // connection failed after sending: it may have arrived; none did: 3 lost
        ledger.sending(3, 0);
        ledger.answered(3, 0, false, 1);  // refused: an error, not expected at the receivers
        ledger.unsent(4);                 // never sent
        ledger.sending(5, 0);             // sent, never answered, 3 copies arrive: fine
        for (int i = 0; i < 3; i++) {
            ledger.frame(0, 0, MS);
            ledger.frame(0, 5, MS);
        }
        ledger.frame(0, 1, MS);
        assertThat(ledger.expectedMeasuredFrames()).isEqualTo(4 * 3);
        assertThat(ledger.measuredFrames()).isEqualTo(7);

        StepLedger.Tally t = ledger.tally();
        assertThat(t.lostFrames()).isEqualTo(5);
        assertThat(t.lostMessages()).isEqualTo(2);
        assertThat(t.refused()).isEqualTo(1);
        assertThat(t.failed()).isEqualTo(1);
        assertThat(t.unsent()).isEqualTo(1);
        assertThat(t.sent()).isEqualTo(5);
        assertThat(t.expectedFrames()).isEqualTo(18);
    }

    @Test
    void duplicates_and_frames_of_other_steps_are_counted_apart_and_not_timed() {
        StepLedger ledger = new StepLedger(1, new RateSchedule(0, 1000), 0, 2, 1, 1);
        ledger.sending(0, 0);
        ledger.answered(0, 0, true, 1);
        ledger.sending(1, 0);
        ledger.answered(1, 0, true, 1);
        ledger.frame(1, 0, 5 * MS);
        ledger.frame(1, 0, 900 * MS);  // a second copy
        ledger.frame(0, 1, 5 * MS);    // step 0's message 1, late: a stray, not this step's message 1
        ledger.frame(1, 7, 5 * MS);    // no such message

        StepLedger.Tally t = ledger.tally();
        assertThat(t.duplicates()).isEqualTo(1);
        assertThat(t.strays()).isEqualTo(2);
        assertThat(t.lostFrames()).isEqualTo(1); // message 1 of step 1 never came
        assertThat(t.delivery().getTotalCount()).isEqualTo(1);
        assertThat(t.delivery().getMaxValue()).isLessThan(6000);
    }
}

package org.appmsg.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrameRateTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void a_burst_passes_at_once_and_then_one_frame_per_interval() {
        FrameRate rate = new FrameRate(2, 3);
        long now = -5 * SECOND; // nanoTime may be negative
        long state = FrameRate.FRESH;
        for (int i = 0; i < 3; i++) {
            state = rate.next(state, now);
            assertThat(state).as("frame %d", i).isNotEqualTo(FrameRate.REFUSED);
        }
        assertThat(rate.next(state, now)).as("the fourth at once").isEqualTo(FrameRate.REFUSED);
        assertThat(rate.next(state, now + SECOND / 2)).as("half a second later, one more").isNotEqualTo(FrameRate.REFUSED);
    }

    @Test
    void a_client_at_the_rate_is_never_refused() {
        FrameRate rate = new FrameRate(2, 1);
        long state = FrameRate.FRESH;
        for (int i = 0; i < 1000; i++) {
            state = rate.next(state, i * SECOND / 2);
            assertThat(state).isNotEqualTo(FrameRate.REFUSED);
        }
    }
}

package org.appmsg.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldFramesTest {

    private final HeldFrames held = new HeldFrames(6);

    private List<Object> drain() {
        List<Object> out = new ArrayList<>();
        while (!held.isEmpty()) {
            out.add(held.pollFirst());
        }
        return out;
    }

    @Test
    void mids_come_out_lowest_first_whatever_order_they_went_in() {
        for (long mid : new long[] {9, 3, 7, 5, 4, 8}) {
            assertThat(held.put(mid, "m" + mid)).isTrue();
        }

        assertThat(held.first()).isEqualTo(3);
        assertThat(held.last()).isEqualTo(9);
        assertThat(drain()).containsExactly("m3", "m4", "m5", "m7", "m8", "m9");
    }

    @Test
    void a_mid_held_twice_keeps_its_first_decision() {
        held.put(4, "live");
        held.put(4, HeldFrames.SKIP);

        assertThat(drain()).containsExactly("live");
    }

    @Test
    void beyond_the_limit_nothing_more_is_held() {
        for (long mid = 1; mid <= 6; mid++) {
            held.put(mid, mid);
        }

        assertThat(held.put(7, 7L)).isFalse();
        assertThat(held.put(3, 3L)).as("already held").isTrue();
        assertThat(held.last()).isEqualTo(6);
    }

    @Test
    void room_freed_at_the_front_is_used_again() {
        for (long mid = 1; mid <= 100; mid++) {
            assertThat(held.put(mid, mid)).isTrue();
            if (mid > 4) {
                held.pollFirst();
            }
        }

        assertThat(held.first()).isEqualTo(97);
        assertThat(drain()).containsExactly(97L, 98L, 99L, 100L);
    }

    @Test
    void take_through_lets_go_of_lower_mids_and_returns_the_decision_for_the_mid() {
        held.put(2, "two");
        held.put(4, "four");
        held.put(6, "six");

        assertThat(held.takeThrough(3)).isNull();
        assertThat(held.takeThrough(4)).isEqualTo("four");
        assertThat(held.first()).isEqualTo(6);
        held.dropThrough(6);
        assertThat(held.isEmpty()).isTrue();
    }
}

package org.appmsg.adapter.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.appmsg.adapter.persistence.redis.PresenceChanges.Change;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.Test;

class BusFrameTest {

    @Test
    void a_frame_carries_its_type_source_and_any_bytes() {
        byte[] body = {0, (byte) 0xff, '\r', '\n', 0};
        BusFrame frame = BusFrame.decode(new BusFrame(BusFrame.Type.MESSAGE, 1023, body).encode());

        assertThat(frame.type()).isEqualTo(BusFrame.Type.MESSAGE);
        assertThat(frame.source()).isEqualTo(1023);
        assertThat(frame.body()).containsExactly(body);
        assertThat(BusFrame.decode(new BusFrame(BusFrame.Type.HELLO, 3, BusFrame.hello(99, true)).encode()).resumed()).isTrue();
        assertThat(BusFrame.decode(new BusFrame(BusFrame.Type.HELLO, 3, BusFrame.hello(99, false)).encode()).resumed()).isFalse();
    }

    @Test
    void bytes_that_are_no_frame_are_refused() {
        assertThatThrownBy(() -> BusFrame.decode(new byte[] {1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BusFrame.decode(new byte[] {99, 0, 1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PresenceChanges.decode(new byte[] {0, 0, 0, 5, 0})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void presence_changes_keep_their_order_and_deletions() {
        List<Change> changes = List.of(new Change(new UserId("alice"), "3|Android-1", "1|1000|k"),
                new Change(new UserId("alice"), "*|Android-1", null), new Change(new UserId("bob"), "3|", "2|0|k"));

        assertThat(PresenceChanges.decode(PresenceChanges.encode(changes))).isEqualTo(changes);
    }
}

package org.appmsg.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.appmsg.domain.message.FirstMid;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Kind;
import org.appmsg.domain.name.Name;
import org.junit.jupiter.api.Test;

class FirstMidTest {

    @Test
    void one_starts_every_new_mailbox_at_1() {
        assertThat(FirstMid.ONE.of(Instant.parse("2026-12-04T17:00:00.123456Z"))).isEqualTo(1);
    }

    @Test
    void clock_starts_at_the_creating_time_in_microseconds_like_a_legacy_mid() {
        assertThat(FirstMid.CLOCK.of(Instant.parse("2026-12-04T17:00:00.123456789Z"))).isEqualTo(1_796_403_600_123_456L);
        assertThat(FirstMid.CLOCK.of(Instant.EPOCH)).isEqualTo(1);
    }

    @Test
    void clock_never_passes_the_largest_mid_a_javascript_number_holds_exactly() {
        assertThat(MailboxEntry.MAX_MID).isEqualTo(9_007_199_254_740_991L);
        assertThat(FirstMid.CLOCK.of(Instant.parse("2255-06-05T23:47:34.740991Z"))).isEqualTo(MailboxEntry.MAX_MID);
        assertThat(FirstMid.CLOCK.of(Instant.parse("2255-06-05T23:47:34.740990Z"))).isEqualTo(MailboxEntry.MAX_MID - 1);
        assertThat(FirstMid.CLOCK.of(Instant.parse("3000-01-01T00:00:00Z"))).isEqualTo(MailboxEntry.MAX_MID);
        assertThatThrownBy(() -> new MailboxEntry(new Name("a", Kind.USER), MailboxEntry.MAX_MID + 1, new MessageId(1),
                "{}")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9007199254740991");
    }

    @Test
    void the_setting_is_1_or_clock() {
        assertThat(FirstMid.parse("1")).isEqualTo(FirstMid.ONE);
        assertThat(FirstMid.parse(" Clock ")).isEqualTo(FirstMid.CLOCK);
        assertThat(FirstMid.CLOCK.text()).isEqualTo("clock");
        assertThatThrownBy(() -> FirstMid.parse("0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("must be 1 or clock: '0'");
    }
}

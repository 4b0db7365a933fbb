package org.appmsg.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.appmsg.domain.message.Lifetime;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.shared.DomainViolation;
import org.junit.jupiter.api.Test;

class LifetimeTest {

    private static final Duration DEFAULT = Duration.ofDays(7);

    @Test
    void no_expire_keeps_the_message_for_the_server_default() {
        assertThat(Lifetime.serverDefault().keep(DEFAULT)).contains(DEFAULT);
    }

    @Test
    void expire_0_is_live_only_and_keeps_nothing() {
        assertThat(Lifetime.ofExpireSeconds(0)).isEqualTo(new Lifetime.LiveOnly());
        assertThat(Lifetime.ofExpireSeconds(0).keep(DEFAULT)).isEmpty();
    }

    @Test
    void only_a_live_only_lifetime_that_asks_for_it_notifies_devices_as_live_only() {
        assertThat(new Lifetime.LiveOnly(true).notifiesLiveOnly()).isTrue();
        assertThat(new Lifetime.LiveOnly(true).keep(DEFAULT)).isEmpty();
        assertThat(Lifetime.ofExpireSeconds(0).notifiesLiveOnly()).isFalse();
        assertThat(Lifetime.serverDefault().notifiesLiveOnly()).isFalse();
        assertThat(Lifetime.ofExpireSeconds(60).notifiesLiveOnly()).isFalse();
    }

    @Test
    void expire_from_1_second_to_a_year_is_that_lifetime_and_beyond_is_a_violation() {
        assertThat(Lifetime.ofExpireSeconds(1).keep(DEFAULT)).contains(Duration.ofSeconds(1));
        assertThat(Lifetime.ofExpireSeconds(365L * 24 * 3600).keep(DEFAULT)).contains(Duration.ofDays(365));
        assertThatThrownBy(() -> Lifetime.ofExpireSeconds(365L * 24 * 3600 + 1)).isInstanceOf(DomainViolation.class);
        assertThatThrownBy(() -> Lifetime.ofExpireSeconds(-1)).isInstanceOf(DomainViolation.class);
        assertThatThrownBy(() -> new Lifetime.Fixed(Duration.ofMillis(500))).isInstanceOf(DomainViolation.class);
    }

    @Test
    void a_live_only_entry_has_mid_0_and_is_not_stored() {
        MailboxEntry live = MailboxEntry.liveOnly(Name.parse("bob@user"), new MessageId(7), "{\"a\":1}");
        assertThat(live.mid()).isZero();
        assertThat(live.stored()).isFalse();
        assertThat(live.envelope()).isEqualTo("{\"msg\":{\"a\":1},\"mid\":0,\"gid\":0}");
        assertThatThrownBy(() -> new MailboxEntry(Name.parse("bob@user"), -1, new MessageId(7), "{}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package org.appmsg.adapter.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.appmsg.application.port.out.ClusterEvents;
import org.appmsg.application.port.out.LiveDelivery.Live;
import org.appmsg.domain.auth.UserToken;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.Test;

class ClusterBusCodecTest {

    private static final String GROUP_TEXT = "{\"content\":\"héllo ✓ to the group\",\"msgType\":1}";

    @Test
    void a_batch_of_entries_comes_back_as_it_was_sent() {
        SessionId phone = new SessionId(new UserId("bob"), "iOS-1");
        SessionId tab = new SessionId(new UserId("bob"), "Mozilla-5.0");
        List<Live> batch = List.of(
                new Live(new MailboxEntry(Name.parse("bob@user"), 41, new MessageId(9001), GROUP_TEXT),
                        Set.of(phone, tab), List.of(phone)),
                new Live(new MailboxEntry(Name.parse("carl@user"), 7, new MessageId(9001), GROUP_TEXT), Set.of(), List.of()),
                new Live(MailboxEntry.liveOnly(Name.parse("bob@user"), new MessageId(9002), "{}"), Set.of(tab), List.of()));

        var decoded = ClusterBusCodec.decode(ClusterBusCodec.deliveries(batch));

        assertThat(decoded).isEqualTo(new ClusterBusCodec.Deliveries(batch));
    }

    @Test
    void a_message_body_shared_by_many_entries_is_written_once() {
        byte[] utf8 = GROUP_TEXT.getBytes(StandardCharsets.UTF_8);
        List<Live> members = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            members.add(new Live(new MailboxEntry(Name.parse("u" + i + "@user"), i + 1, new MessageId(5), GROUP_TEXT),
                    Set.of(), List.of()));
        }

        byte[] body = ClusterBusCodec.deliveries(members);

        assertThat(occurrences(body, utf8)).isEqualTo(1);
    }

    @Test
    void a_revoked_token_and_an_event_come_back_as_they_were_sent() {
        var token = new UserToken("d1g3st", new UserId("alice"), "Android", "Android-a1", Instant.ofEpochMilli(1_800_000_000_123L));

        assertThat(ClusterBusCodec.decode(ClusterBusCodec.tokenRevoked(token)))
                .isEqualTo(new ClusterBusCodec.TokenRevoked(token));
        assertThat(ClusterBusCodec.decode(ClusterBusCodec.event(new ClusterEvents.ApplicationsChanged())))
                .isEqualTo(new ClusterBusCodec.Event(new ClusterEvents.ApplicationsChanged()));
    }

    @Test
    void users_and_orgs_changed_come_back_with_what_they_name() {
        var users = new ClusterEvents.UsersChanged(Set.of(new UserId("alice"), new UserId("bob.b-2:x"), new UserId("c")));
        var orgs = new ClusterEvents.OrgsChanged(new TenantId("t1"));

        assertThat(ClusterBusCodec.decode(ClusterBusCodec.event(users))).isEqualTo(new ClusterBusCodec.Event(users));
        assertThat(ClusterBusCodec.decode(ClusterBusCodec.event(orgs))).isEqualTo(new ClusterBusCodec.Event(orgs));
    }

    @Test
    void a_users_changed_body_that_is_cut_or_claims_more_users_than_it_holds_is_refused() {
        byte[] whole = ClusterBusCodec.event(ClusterEvents.UsersChanged.of(new UserId("alice")));
        assertThatThrownBy(() -> ClusterBusCodec.decode(Arrays.copyOf(whole, whole.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] inflated = whole.clone();
        inflated[2] = 0x7f; // the user count's high byte: about two billion users in a dozen bytes
        assertThatThrownBy(() -> ClusterBusCodec.decode(inflated)).isInstanceOf(IllegalArgumentException.class);
        byte[] none = {whole[0], whole[1], 0, 0, 0, 0};
        assertThatThrownBy(() -> ClusterBusCodec.decode(none)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_body_of_an_unknown_kind_or_version_is_ignored_and_a_cut_one_is_refused() {
        assertThat(ClusterBusCodec.decode(new byte[] {99, 1})).isEqualTo(new ClusterBusCodec.Unknown(99));
        assertThat(ClusterBusCodec.decode(new byte[] {1, 2, 0, 0})).isEqualTo(new ClusterBusCodec.Unknown(1));
        byte[] whole = ClusterBusCodec.tokenRevoked(new UserToken("d", new UserId("a"), "Android", "x", Instant.EPOCH));
        assertThatThrownBy(() -> ClusterBusCodec.decode(Arrays.copyOf(whole, whole.length - 3)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int occurrences(byte[] haystack, byte[] needle) {
        int n = 0;
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            n++;
        }
        return n;
    }
}

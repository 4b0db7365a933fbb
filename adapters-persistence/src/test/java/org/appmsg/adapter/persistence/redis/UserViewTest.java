package org.appmsg.adapter.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.appmsg.adapter.persistence.redis.PresenceFields.Hold;
import org.appmsg.adapter.persistence.redis.PresenceFields.HoldKey;
import org.appmsg.adapter.persistence.redis.PresenceFields.Mark;
import org.appmsg.domain.session.Session;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.session.SessionState;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.Test;

class UserViewTest {

    private static final UserId ALICE = new UserId("alice");
    private static final SessionId PHONE = new SessionId(ALICE, "Android-1");

    @Test
    void a_session_held_on_two_nodes_is_one_session_with_the_earliest_start_and_its_mark() {
        UserView view = UserView.of(ALICE,
                Map.of(new HoldKey(1, "Android-1"), new Hold(2, 5_000), new HoldKey(2, "Android-1"), new Hold(1, 3_000),
                        new HoldKey(2, ""), new Hold(1, 0)),
                Map.of("Android-1", new Mark(SessionState.ACTIVE, 7_000, 2)));

        assertThat(view.sessions()).containsExactly(new Session(PHONE, SessionState.ACTIVE, Instant.ofEpochMilli(3_000),
                Instant.ofEpochMilli(7_000)));
        assertThat(view.nodes()).containsExactlyInAnyOrder(1, 2);
        assertThat(view.heldElsewhere("Android-1", 1)).isTrue();
        assertThat(view.withoutNode(2).sessions()).extracting(Session::created).containsExactly(Instant.ofEpochMilli(5_000));
    }

    @Test
    void a_session_without_a_mark_is_in_init_since_it_started_and_a_mark_without_a_hold_makes_no_session() {
        UserView view = UserView.of(ALICE, Map.of(new HoldKey(1, "Android-1"), new Hold(1, 5_000)),
                Map.of("iOS-2", new Mark(SessionState.ACTIVE, 7_000, 1)));

        assertThat(view.sessions()).containsExactly(new Session(PHONE, SessionState.INIT, Instant.ofEpochMilli(5_000),
                Instant.ofEpochMilli(5_000)));
        assertThat(view.isEmpty()).as("the mark waits for its grace").isFalse();
        assertThat(view.withHold(new HoldKey(1, "Android-1"), null).withoutOrphanMarks().isEmpty()).isTrue();
    }

    @Test
    void the_later_mark_wins_and_a_tie_goes_to_the_higher_node() {
        Mark early = new Mark(SessionState.ACTIVE, 1_000, 5);
        Mark late = new Mark(SessionState.INACTIVE, 2_000, 1);
        Mark tie = new Mark(SessionState.INIT, 2_000, 3);

        assertThat(late.supersedes(early)).isTrue();
        assertThat(early.supersedes(late)).isFalse();
        assertThat(tie.supersedes(late)).isTrue();
        assertThat(late.supersedes(tie)).isFalse();
        assertThat(early.supersedes(null)).isTrue();
    }

    @Test
    void fields_and_values_read_back_as_written() {
        HoldKey key = new HoldKey(1023, "Mozilla-5.0-a:b+c=");
        assertThat(PresenceFields.holdKey(PresenceFields.holdField(key))).isEqualTo(key);
        assertThat(PresenceFields.holdKey(PresenceFields.holdField(new HoldKey(7, "")))).isEqualTo(new HoldKey(7, ""));
        assertThat(PresenceFields.hold(PresenceFields.holdValue(new Hold(3, 1764410000123L), 1764410000999L)))
                .isEqualTo(new Hold(3, 1764410000123L));
        Mark mark = new Mark(SessionState.INACTIVE, 1764410000123L, 12);
        assertThat(PresenceFields.mark(PresenceFields.markValue(mark))).isEqualTo(mark);
        assertThat(PresenceFields.isMark(PresenceFields.markField("iOS-1"))).isTrue();
        assertThat(PresenceFields.markDevice(PresenceFields.markField("iOS-1"))).isEqualTo("iOS-1");
    }
}

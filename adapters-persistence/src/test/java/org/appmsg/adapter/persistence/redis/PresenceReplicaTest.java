package org.appmsg.adapter.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.appmsg.adapter.persistence.redis.PresenceChanges.Change;
import org.appmsg.adapter.persistence.redis.PresenceFields.Hold;
import org.appmsg.adapter.persistence.redis.PresenceFields.HoldKey;
import org.appmsg.domain.session.Session;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.Test;

class PresenceReplicaTest {

    private static final UserId ALICE = new UserId("alice");
    private final PresenceReplica replica = new PresenceReplica(1);

    @Test
    void frames_heard_during_a_rebuild_are_applied_after_the_scanned_state_in_their_order() {
        replica.startBuffering();
        replica.onRemote(presence(2, new Change(ALICE, "2|iOS-1", "1|1000|e")));
        // the scan read Redis between the two frames
        Map<UserId, Map<String, String>> scanned = Map.of(ALICE, Map.of("2|iOS-1", "1|1000|e", "3|Android-1", "1|900|e"));
        replica.onRemote(presence(2, new Change(ALICE, "2|iOS-1", null)));
        assertThat(replica.view(ALICE).sessions()).as("nothing applied while buffering").isEmpty();

        replica.install(scanned);

        assertThat(replica.view(ALICE).sessions()).extracting(s -> s.id().device()).containsExactly("Android-1");
        assertThat(replica.view(ALICE).nodes()).containsExactly(3);
    }

    @Test
    void this_nodes_own_holds_survive_a_rebuild_and_no_frame_overrides_them() {
        replica.update(ALICE, view -> view.withHold(new HoldKey(1, "iOS-1"), new Hold(1, 1000)));

        replica.onRemote(presence(2, new Change(ALICE, "1|iOS-1", null), new Change(ALICE, "2|iOS-1", "9|5|e")));
        assertThat(replica.view(ALICE).holds()).isEqualTo(Map.of(new HoldKey(1, "iOS-1"), new Hold(1, 1000),
                new HoldKey(2, "iOS-1"), new Hold(9, 5)));
        replica.startBuffering();
        replica.install(Map.of(ALICE, Map.of("1|Android-9", "1|1|e", "3|iOS-1", "1|7|e")));

        assertThat(replica.view(ALICE).holds()).as("others' holds as scanned, this node's as it has them")
                .isEqualTo(Map.of(new HoldKey(1, "iOS-1"), new Hold(1, 1000), new HoldKey(3, "iOS-1"), new Hold(1, 7)));
    }

    @Test
    void a_hello_or_goodbye_drops_the_nodes_holds_and_the_full_state_that_follows_brings_them_back() {
        replica.onRemote(presence(2, new Change(ALICE, "2|iOS-1", "1|1000|a"), new Change(ALICE, "2|Android-1", "1|1000|a")));
        replica.onRemote(new BusFrame(BusFrame.Type.HELLO, 2, BusFrame.hello(5, true)));
        assertThat(replica.view(ALICE).sessions()).isEmpty();

        replica.onRemote(presence(2, new Change(ALICE, "2|iOS-1", "1|1000|b")));
        assertThat(replica.view(ALICE).sessions()).extracting(Session::id).extracting(s -> s.device()).containsExactly("iOS-1");
        replica.onRemote(new BusFrame(BusFrame.Type.GOODBYE, 2, new byte[0]));
        assertThat(replica.view(ALICE).isEmpty()).isTrue();
    }

    private static BusFrame presence(int source, Change... changes) {
        return new BusFrame(BusFrame.Type.PRESENCE, source, PresenceChanges.encode(List.of(changes)));
    }
}

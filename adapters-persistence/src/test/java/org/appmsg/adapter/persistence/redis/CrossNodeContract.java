package org.appmsg.adapter.persistence.redis;

import static org.appmsg.adapter.persistence.redis.RedisNodes.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.appmsg.application.port.out.PresenceRegistry;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.session.Session;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.session.SessionState;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two or more nodes on one Redis: what each sees of the others, routing, leases and the bus. */
abstract class CrossNodeContract {

    private static final Duration SOON = Duration.ofSeconds(5);
    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    private static final UserId ALICE = new UserId("alice");
    private static final SessionId PHONE = new SessionId(ALICE, "Android-1");
    private static final SessionId TAB = new SessionId(ALICE, "Mozilla-5-17");

    protected RedisNodes nodes;

    protected abstract URI redis();

    @BeforeEach
    void setUpNodes() {
        nodes = new RedisNodes(redis()).withLeases(Duration.ofMillis(1500), Duration.ofMillis(300));
    }

    @AfterEach
    void stopNodes() {
        nodes.close();
    }

    @Test
    void sessions_and_states_of_one_node_are_seen_on_the_other_and_counted_per_user() {
        PresenceRegistry a = nodes.start(1).presence();
        PresenceRegistry b = nodes.start(2).presence();

        a.open(PHONE, T0);
        b.open(TAB, T0.plusSeconds(1));
        a.setState(PHONE, SessionState.ACTIVE, T0.plusSeconds(2));

        for (PresenceRegistry node : List.of(a, b)) {
            eventually(SOON, () -> assertThat(node.sessionsOf(ALICE)).containsExactlyInAnyOrder(
                    new Session(PHONE, SessionState.ACTIVE, T0, T0.plusSeconds(2)),
                    new Session(TAB, SessionState.INIT, T0.plusSeconds(1), T0.plusSeconds(1))));
        }
        b.close(TAB);
        eventually(SOON, () -> assertThat(a.sessionsOf(ALICE)).extracting(Session::id).containsExactly(PHONE));
    }

    @Test
    void a_state_set_on_a_node_without_the_sessions_connection_is_seen_everywhere_and_ends_with_the_session() {
        PresenceRegistry a = nodes.start(1).presence();
        PresenceRegistry b = nodes.start(2).presence();
        a.open(PHONE, T0);
        eventually(SOON, () -> assertThat(b.sessionsOf(ALICE)).hasSize(1));

        assertThat(b.setState(PHONE, SessionState.INACTIVE, T0.plusSeconds(3)))
                .hasValue(new Session(PHONE, SessionState.INACTIVE, T0, T0.plusSeconds(3)));
        assertThat(b.setState(TAB, SessionState.ACTIVE, T0)).as("not live anywhere").isEmpty();
        eventually(SOON, () -> assertThat(a.sessionsOf(ALICE)).extracting(Session::state)
                .containsExactly(SessionState.INACTIVE));

        a.close(PHONE);
        eventually(SOON, () -> assertThat(b.sessionsOf(ALICE)).isEmpty());
        assertThat(b.open(PHONE, T0.plusSeconds(60)).state()).as("a new session starts in init").isEqualTo(SessionState.INIT);
        eventually(SOON, () -> assertThat(a.sessionsOf(ALICE)).extracting(Session::state)
                .containsExactly(SessionState.INIT));
    }

    @Test
    void a_session_with_connections_on_two_nodes_keeps_its_state_and_start_until_both_close() {
        PresenceRegistry a = nodes.start(1).presence();
        PresenceRegistry b = nodes.start(2).presence();
        a.open(PHONE, T0);
        a.setState(PHONE, SessionState.ACTIVE, T0.plusSeconds(1));
        eventually(SOON, () -> assertThat(b.sessionsOf(ALICE)).extracting(Session::state)
                .containsExactly(SessionState.ACTIVE));

        Session joined = b.open(PHONE, T0.plusSeconds(5));
        assertThat(joined).isEqualTo(new Session(PHONE, SessionState.ACTIVE, T0, T0.plusSeconds(1)));
        a.close(PHONE);
        eventually(SOON, () -> assertThat(a.sessionsOf(ALICE)).containsExactly(joined));
        assertThat(b.sessionsOf(ALICE)).containsExactly(joined);

        b.close(PHONE);
        eventually(SOON, () -> assertThat(a.sessionsOf(ALICE)).isEmpty());
        assertThat(b.sessionsOf(ALICE)).isEmpty();
    }

    @Test
    void mailbox_routing_names_the_nodes_holding_a_session_or_session_less_connection() {
        RedisPresence a = nodes.start(1);
        RedisPresence b = nodes.start(2);
        RedisPresence c = nodes.start(3);
        Name alice = Name.of(ALICE);
        Name bob = Name.of(new UserId("bob"));

        a.presence().open(PHONE, T0);
        c.connectionOpened(alice);
        c.connectionOpened(alice);
        b.connectionOpened(bob);

        for (RedisPresence node : List.of(a, b, c)) {
            eventually(SOON, () -> {
                assertThat(node.nodesHolding(alice)).containsExactlyInAnyOrder(1, 3);
                assertThat(node.nodesHolding(bob)).containsExactly(2);
                assertThat(node.nodesHolding(Name.parse("9@qun"))).isEmpty();
            });
        }
        assertThat(b.presence().sessionsOf(ALICE)).as("session-less connections are no sessions").hasSize(1);
        c.connectionClosed(alice);
        a.presence().close(PHONE);
        eventually(SOON, () -> assertThat(b.nodesHolding(alice)).containsExactly(3));
        c.connectionClosed(alice);
        eventually(SOON, () -> assertThat(b.nodesHolding(alice)).isEmpty());
    }

    @Test
    void a_node_started_later_reads_what_the_others_hold() {
        RedisPresence a = nodes.start(1);
        a.presence().open(PHONE, T0);
        a.presence().setState(PHONE, SessionState.ACTIVE, T0.plusSeconds(1));
        a.connectionOpened(Name.of(new UserId("bob")));
        eventually(SOON, () -> assertThat(countFields(nodes.prefix())).isEqualTo(3));

        RedisPresence b = nodes.start(2);

        assertThat(b.presence().sessionsOf(ALICE)).containsExactly(new Session(PHONE, SessionState.ACTIVE, T0,
                T0.plusSeconds(1)));
        assertThat(b.nodesHolding(Name.of(new UserId("bob")))).containsExactly(1);
    }

    @Test
    void live_nodes_carry_their_addresses_and_load_and_a_clean_stop_leaves_at_once() {
        RedisPresence a = nodes.start(1);
        RedisPresence b = nodes.start(2);
        b.presence().open(PHONE, T0);
        b.connectionOpened(Name.of(ALICE));

        eventually(SOON, () -> assertThat(a.liveNodes()).extracting(RedisPresence.Node::id, RedisPresence.Node::wsAddress,
                        RedisPresence.Node::connections)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "10.0.0.1:6968", 0),
                        org.assertj.core.groups.Tuple.tuple(2, "10.0.0.2:6968", 2)));

        b.close();
        eventually(Duration.ofMillis(500), () -> assertThat(a.presence().sessionsOf(ALICE)).isEmpty());
        eventually(SOON, () -> assertThat(a.liveNodes()).extracting(RedisPresence.Node::id).containsExactly(1));
        eventually(SOON, () -> assertThat(countFields(nodes.prefix())).as("b's fields deleted").isZero());
    }

    @Test
    void a_node_that_dies_without_goodbye_is_dropped_everywhere_and_its_fields_are_deleted() {
        RedisPresence a = nodes.start(1);
        RedisPresence b = nodes.start(2);
        RedisPresence c = nodes.start(3);
        c.presence().open(PHONE, T0);
        c.presence().setState(PHONE, SessionState.ACTIVE, T0);
        c.connectionOpened(Name.of(new UserId("bob")));
        eventually(SOON, () -> assertThat(b.presence().sessionsOf(ALICE)).hasSize(1));

        long died = System.nanoTime();
        c.halt();

        // lease 1.5 s, polled every 0.3 s: gone within about 2 s (15 s and 5 s by default: within 20 s)
        for (RedisPresence node : List.of(a, b)) {
            eventually(Duration.ofSeconds(4), () -> {
                assertThat(node.presence().sessionsOf(ALICE)).isEmpty();
                assertThat(node.nodesHolding(Name.of(ALICE))).isEmpty();
                assertThat(node.nodesHolding(Name.of(new UserId("bob")))).isEmpty();
                assertThat(node.liveNodes()).extracting(RedisPresence.Node::id).containsExactly(1, 2);
            });
        }
        assertThat(Duration.ofNanos(System.nanoTime() - died)).isLessThan(Duration.ofSeconds(4));
        eventually(SOON, () -> assertThat(countFields(nodes.prefix())).as("reaped by node 1").isZero());
    }

    @Test
    void a_message_sent_to_a_node_arrives_there_once_byte_for_byte_and_a_broadcast_reaches_every_other_node() throws Exception {
        Recorder ra = new Recorder();
        Recorder rb = new Recorder();
        Recorder rc = new Recorder();
        RedisPresence a = nodes.start(1, ra);
        nodes.start(2, rb);
        nodes.start(3, rc);
        byte[] binary = {0, 1, (byte) 0xff, '\r', '\n', (byte) 0x80, 0};

        a.send(2, binary);
        a.broadcast(new byte[] {42});

        eventually(SOON, () -> {
            assertThat(rb.messages).containsExactly(Map.entry(1, List.of(0, 1, 255, 13, 10, 128, 0)));
            assertThat(rb.broadcasts).containsExactly(Map.entry(1, List.of(42)));
            assertThat(rc.broadcasts).containsExactly(Map.entry(1, List.of(42)));
        });
        Thread.sleep(100);
        assertThat(rc.messages).isEmpty();
        assertThat(ra.broadcasts).as("not to itself").isEmpty();
        assertThat(rb.messages).hasSize(1);
    }

    @Test
    void ten_thousand_messages_to_one_node_arrive_complete_and_in_order() throws Exception {
        int count = 10_000;
        CountDownLatch all = new CountDownLatch(count);
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>(count));
        nodes.start(2, new RedisPresence.BusListener() {
            @Override
            public void onMessage(int fromNode, byte[] payload) {
                seen.add((payload[0] & 0xff) << 24 | (payload[1] & 0xff) << 16 | (payload[2] & 0xff) << 8 | payload[3] & 0xff);
                all.countDown();
            }
        });
        RedisPresence sender = nodes.start(1);

        for (int i = 0; i < count; i++) {
            sender.send(2, new byte[] {(byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i});
        }

        assertThat(all.await(20, TimeUnit.SECONDS)).as("received " + seen.size()).isTrue();
        assertThat(seen).hasSize(count).isSorted().doesNotHaveDuplicates();
    }

    /** Every field of every presence hash under the prefix, on every master. */
    private int countFields(String prefix) {
        int fields = 0;
        try (RedisLink link = nodes.link()) {
            for (var master : link.masters()) {
                try (var jedis = link.open(master)) {
                    for (String key : jedis.keys(prefix + ":{u:*")) {
                        fields += (int) jedis.hlen(key);
                    }
                }
            }
        }
        return fields;
    }

    /** What a node's bus listener was given, bytes as unsigned ints. */
    static final class Recorder implements RedisPresence.BusListener {
        final List<Map.Entry<Integer, List<Integer>>> messages = Collections.synchronizedList(new ArrayList<>());
        final List<Map.Entry<Integer, List<Integer>>> broadcasts = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onMessage(int fromNode, byte[] payload) {
            messages.add(Map.entry(fromNode, unsigned(payload)));
        }

        @Override
        public void onBroadcast(int fromNode, byte[] payload) {
            broadcasts.add(Map.entry(fromNode, unsigned(payload)));
        }

        private static List<Integer> unsigned(byte[] bytes) {
            List<Integer> out = new ArrayList<>();
            for (byte b : bytes) {
                out.add(b & 0xff);
            }
            return out;
        }
    }
}

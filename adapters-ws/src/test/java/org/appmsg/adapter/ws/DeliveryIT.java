package org.appmsg.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.appmsg.application.port.out.LiveDelivery.Live;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.Test;

class DeliveryIT {

    @Test
    void clients_that_sent_ver_get_the_new_format_and_others_the_legacy_one() throws Exception {
        try (Gateway gateway = new Gateway()) {
            TestClient current = ready(gateway.subscribe("7_app-1@user", "&ver=1.2"));
            TestClient legacy = ready(gateway.subscribe("7_web-1@user", ""));

            MailboxEntry entry = gateway.push("7", 1);

            assertThat(current.next()).isEqualTo(Gateway.live(entry).envelope());
            assertThat(legacy.next()).isEqualTo(Gateway.live(entry).legacyEnvelope());
        }
    }

    @Test
    void a_message_reaches_every_session_of_its_user_except_the_excluded_one() throws Exception {
        try (Gateway gateway = new Gateway()) {
            TestClient sender = ready(gateway.subscribe("7_A@user", "&ver=1"));
            TestClient other = ready(gateway.subscribe("7_B@user", "&ver=1"));
            TestClient sessionless = ready(gateway.subscribe("7@user", "&ver=1"));
            TestClient stranger = ready(gateway.subscribe("8@user", "&ver=1"));

            MailboxEntry first = gateway.push("7", 1, new SessionId(new UserId("7"), "A"));
            MailboxEntry second = gateway.push("7", 2);

            assertThat(other.next()).isEqualTo(Gateway.live(first).envelope());
            assertThat(sessionless.next()).isEqualTo(Gateway.live(first).envelope());
            assertThat(sender.next()).isEqualTo(Gateway.live(second).envelope());
            assertThat(stranger.next(200)).isNull();
        }
    }

    @Test
    void a_burst_of_frames_to_one_connection_arrives_whole_and_in_order() throws Exception {
        try (Gateway gateway = new Gateway()) {
            TestClient client = ready(gateway.subscribe("7_A@user", "&ver=1"));
            List<MailboxEntry> sent = new java.util.ArrayList<>();

            for (long mid = 1; mid <= 500; mid++) { // faster than the selector writes: frames queue and are gathered
                sent.add(gateway.push("7", mid));
            }

            for (MailboxEntry entry : sent) {
                assertThat(client.next()).isEqualTo(Gateway.live(entry).envelope());
            }
            assertThat(client.next(200)).isNull();
        }
    }

    @Test
    void frames_handed_over_out_of_order_reach_every_connection_in_mid_order() throws Exception {
        try (Gateway gateway = new Gateway()) {
            TestClient phone = ready(gateway.subscribe("7_A@user", "&ver=1"));
            TestClient sessionless = ready(gateway.subscribe("7@user", "&ver=1"));
            TcpClient legacy = gateway.tcpSubscribe("7_B@user", "1", null);
            assertThat(legacy.next()).isEqualTo("+h\r\n");
            gateway.awaitConnections(3);
            List<MailboxEntry> entries = new java.util.ArrayList<>();
            for (long mid = 1; mid <= 6; mid++) {
                entries.add(gateway.store("7", mid));
            }

            for (int i : new int[] {2, 0, 4, 3, 5, 1}) { // concurrent pushes overtaking each other
                gateway.sessions.deliver(List.of(new Live(entries.get(i), gateway.live, List.of())));
            }

            for (long mid = 1; mid <= 6; mid++) {
                assertThat(phone.next()).contains("\"mid\":" + mid + ",");
                assertThat(sessionless.next()).contains("\"mid\":" + mid + ",");
                assertThat(legacy.next()).contains("\"mid\":" + mid + ",");
            }
        }
    }

    @Test
    void a_stored_message_that_never_comes_live_is_read_from_the_mailbox_before_the_next_one() throws Exception {
        try (Gateway gateway = new Gateway()) {
            TestClient client = ready(gateway.subscribe("7_A@user", "&ver=1"));
            gateway.awaitConnections(1);
            gateway.push("7", 1);
            MailboxEntry lost = gateway.store("7", 2); // stored, then its push failed before the hand-over
            long sent = System.nanoTime();
            gateway.push("7", 3);

            assertThat(client.next()).contains("\"mid\":1,");
            assertThat(client.next()).as("the stored copy").isEqualTo(lost.envelope());
            assertThat(client.next()).contains("\"mid\":3,");
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(WebSocketAdapter.GAP_WAIT);
            gateway.sessions.deliver(List.of(new Live(lost, Set.of(), List.of()))); // the lost one, very late
            gateway.push("7", 4);
            assertThat(client.next()).contains("\"mid\":4,");
            assertThat(client.next(200)).isNull();
        }
    }

    @Test
    void a_session_is_ended_once_when_its_connection_closes() throws Exception {
        try (Gateway gateway = new Gateway()) {
            TestClient phone = ready(gateway.subscribe("7_A@user", "&ver=1"));
            ready(gateway.subscribe("7@user", "&ver=1")).close();
            phone.close();

            long deadline = System.nanoTime() + 5_000_000_000L;
            while (gateway.ended.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(100);
            assertThat(gateway.ended).containsExactly(new SessionId(new UserId("7"), "A"));
        }
    }

    @Test
    void a_resuming_client_gets_the_mailbox_after_its_mid_then_live_frames() throws Exception {
        try (Gateway gateway = new Gateway()) {
            for (long mid = 1; mid <= 10; mid++) {
                gateway.store("7", mid);
            }
            TestClient client = ready(gateway.subscribe("7_app-1@user", "&ver=1&mid=3"));

            for (long mid = 4; mid <= 10; mid++) {
                assertThat(client.next()).contains("\"mid\":" + mid + ",");
            }
            gateway.awaitConnections(1);
            gateway.push("7", 11);
            assertThat(client.next()).contains("\"mid\":11,");
            assertThat(client.next(200)).isNull();
        }
    }

    @Test
    void a_delivery_racing_the_replay_arrives_exactly_once() throws Exception {
        try (Gateway gateway = new Gateway()) {
            gateway.store("7", 1);
            gateway.store("7", 2);
            AtomicBoolean first = new AtomicBoolean(true);
            gateway.onReplay = page -> {
                if (first.getAndSet(false)) {
                    gateway.push("7", 3); // stored and delivered after this page was read
                }
                return page;
            };
            TestClient client = ready(gateway.subscribe("7@user", "&ver=1&mid=0"));

            for (long mid = 1; mid <= 3; mid++) {
                assertThat(client.next()).contains("\"mid\":" + mid + ",");
            }
            MailboxEntry third = gateway.store("7", 3);
            gateway.sessions.deliver(List.of(new Live(third, Set.of(), List.of()))); // a late repeat at the seam
            gateway.push("7", 4);
            assertThat(client.next()).contains("\"mid\":4,");
            assertThat(client.next(200)).isNull();
        }
    }

    @Test
    void a_client_that_does_not_read_is_closed_for_resync_and_nothing_is_dropped_silently() throws Exception {
        try (Gateway gateway = new Gateway(s -> new WebSocketAdapter.Settings(s.host(), 0, 1, s.heartbeatGrace(),
                Duration.ofSeconds(1), s.sweepInterval(), 8, 4, 64, s.subscribeTimeout(), Duration.ZERO))) {
            TestClient client = ready(gateway.subscribe("7@user", "&ver=1"));
            client.pause();
            String big = "{\"text\":\"" + "x".repeat(64 * 1024) + "\"}";

            for (long mid = 1; mid <= 2000 && gateway.sessions.connectionCount() > 0; mid++) {
                gateway.sessions.deliver(List.of(new Live(
                        new MailboxEntry(Entries.entry("7", mid).mailbox(), mid, new MessageId(mid), big), Set.of(),
                        List.of())));
            }
            assertThat(gateway.sessions.connectionCount()).isZero();
            Thread.sleep(1500); // longer than the close timeout: a slow client is not a dead one
            client.resume();

            assertThat(client.closed(10_000)).isEqualTo(
                    new TestClient.Closed(Connection.RESYNC, "resync: outbound queue full", true));
        }
    }

    @Test
    void a_backlog_larger_than_the_outbound_queue_is_replayed_as_fast_as_the_client_reads() throws Exception {
        try (Gateway gateway = new Gateway(s -> new WebSocketAdapter.Settings(s.host(), 0, 1, s.heartbeatGrace(),
                Duration.ofSeconds(1), s.sweepInterval(), 8, 64, 64, s.subscribeTimeout(), Duration.ZERO))) {
            String big = "{\"text\":\"" + "x".repeat(64 * 1024) + "\"}";
            for (long mid = 1; mid <= 200; mid++) {
                gateway.store("7", mid, big);
            }
            TestClient client = TestClient.connectPaused(gateway.port(), "/sub?key=7@user&heartbeat=30&ver=1&token="
                    + Gateway.GOOD + "&mid=0"); // it reads nothing at first
            Thread.sleep(500);
            client.resume();

            assertThat(client.next()).isEqualTo("+h\r\n");
            for (long mid = 1; mid <= 200; mid++) {
                assertThat(client.next()).as("mid %d", mid).contains("\"mid\":" + mid + ",");
            }
            assertThat(client.isGone()).isFalse();
        }
    }

    @Test
    void connections_beyond_the_limit_of_a_key_are_closed_without_a_status_frame() throws Exception {
        try (Gateway gateway = new Gateway(s -> new WebSocketAdapter.Settings(s.host(), 0, 1, s.heartbeatGrace(),
                s.socketTimeout(), s.sweepInterval(), s.maxQueuedFrames(), 4, 2, s.subscribeTimeout(), Duration.ZERO))) {
            ready(gateway.subscribe("7_A@user", ""));
            ready(gateway.subscribe("7_A@user", ""));

            TestClient third = gateway.subscribe("7_A@user", "");
            TestClient otherKey = ready(gateway.subscribe("7_B@user", ""));

            assertThat(third.closed(5000).code()).isEqualTo(1008);
            assertThat(third.next(100)).isNull();
            assertThat(otherKey.isGone()).isFalse();
            assertThat(gateway.sessions.connectionCount()).isEqualTo(3);
        }
    }

    private static TestClient ready(TestClient client) throws InterruptedException {
        assertThat(client.next()).isEqualTo("+h\r\n");
        return client;
    }
}

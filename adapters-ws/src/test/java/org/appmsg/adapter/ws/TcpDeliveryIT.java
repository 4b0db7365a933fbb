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

class TcpDeliveryIT {

    @Test
    void messages_arrive_as_bulk_strings_in_the_format_the_version_selects() throws Exception {
        try (Gateway gateway = new Gateway()) {
            TcpClient current = ready(gateway.tcpSubscribe("7_app-1@user", "1.2", null));
            TcpClient legacy = ready(gateway.tcpSubscribe("7_web-1@user", "", null));
            TestClient websocket = gateway.subscribe("7_web-2@user", "&ver=1");
            assertThat(websocket.next()).isEqualTo("+h\r\n");

            MailboxEntry entry = Entries.entry("7", 1, "{\"text\":\"héllo € \\\"x\\\"\"}");
            gateway.sessions.deliver(List.of(new Live(entry, Set.copyOf(gateway.live), List.of())));

            assertThat(current.next()).isEqualTo(Gateway.live(entry).envelope()); // next() checks $len is in bytes
            assertThat(legacy.next()).isEqualTo(Gateway.live(entry).legacyEnvelope());
            assertThat(websocket.next()).isEqualTo(Gateway.live(entry).envelope());
        }
    }

    @Test
    void a_message_reaches_the_targeted_sessions_and_the_sessionless_connections_only() throws Exception {
        try (Gateway gateway = new Gateway()) {
            TcpClient sender = ready(gateway.tcpSubscribe("7_A@user", "1", null));
            TcpClient other = ready(gateway.tcpSubscribe("7_B@user", "1", null));
            TcpClient sessionless = ready(gateway.tcpSubscribe("7@user", "1", null));
            TcpClient stranger = ready(gateway.tcpSubscribe("8@user", "1", null));

            MailboxEntry first = gateway.push("7", 1, new SessionId(new UserId("7"), "A"));
            MailboxEntry untargeted = gateway.store("7", 2);
            gateway.sessions.deliver(List.of(new Live(untargeted, Set.of(), List.of())));
            MailboxEntry third = gateway.push("7", 3);

            assertThat(other.next()).isEqualTo(Gateway.live(first).envelope());
            assertThat(other.next()).isEqualTo(Gateway.live(third).envelope());
            assertThat(sessionless.next()).isEqualTo(Gateway.live(first).envelope());
            assertThat(sessionless.next()).isEqualTo(Gateway.live(untargeted).envelope());
            assertThat(sessionless.next()).isEqualTo(Gateway.live(third).envelope());
            assertThat(sender.next()).isEqualTo(Gateway.live(third).envelope());
            assertThat(stranger.next(200)).isNull();
            assertThat(sender.next(100)).isNull();
        }
    }

    @Test
    void a_client_resuming_with_the_mid_argument_gets_the_mailbox_after_it_then_live_frames() throws Exception {
        try (Gateway gateway = new Gateway()) {
            for (long mid = 1; mid <= 10; mid++) {
                gateway.store("7", mid);
            }
            TcpClient current = ready(gateway.tcpSubscribe("7_app-1@user", "1", "3"));
            TcpClient legacy = ready(gateway.tcpSubscribe("7@user", "", "8"));

            for (long mid = 4; mid <= 10; mid++) {
                assertThat(current.next()).contains("\"mid\":" + mid + ",");
            }
            assertThat(legacy.next()).isEqualTo(Entries.entry("7", 9).legacyEnvelope()); // replayed: as stored
            assertThat(legacy.next()).contains("\"mid\":10,");
            gateway.awaitConnections(2);
            gateway.push("7", 11);
            assertThat(current.next()).contains("\"mid\":11,");
            assertThat(legacy.next()).contains("\"mid\":11,");
            assertThat(current.next(200)).isNull();
            assertThat(legacy.next(100)).isNull();
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
            TcpClient client = ready(gateway.tcpSubscribe("7@user", "1", "0"));

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
    void a_client_that_does_not_read_is_closed_and_others_are_unaffected() throws Exception {
        try (Gateway gateway = new Gateway(s -> new WebSocketAdapter.Settings(s.host(), 0, 1, s.heartbeatGrace(),
                Duration.ofSeconds(20), s.sweepInterval(), 8, 4, 64, s.subscribeTimeout(), Duration.ZERO))) {
            TcpClient stalled = ready(gateway.tcpSubscribe("7@user", "1", null));
            TcpClient bystander = ready(gateway.tcpSubscribe("8@user", "1", null));
            String big = "{\"text\":\"" + "x".repeat(64 * 1024) + "\"}";

            for (long mid = 1; mid <= 2000 && gateway.sessions.connectionCount() > 1; mid++) {
                gateway.sessions.deliver(List.of(new Live(
                        new MailboxEntry(Entries.entry("7", mid).mailbox(), mid, new MessageId(mid), big), Set.of(),
                        List.of())));
            }
            assertThat(gateway.sessions.connectionCount()).isEqualTo(1);

            assertThat(stalled.untilClosed(10_000).length).isLessThan(2000 * big.length());
            gateway.push("8", 1);
            assertThat(bystander.next()).contains("\"mid\":1,");
        }
    }

    @Test
    void the_limit_per_key_counts_websocket_and_tcp_connections_together() throws Exception {
        try (Gateway gateway = new Gateway(s -> new WebSocketAdapter.Settings(s.host(), 0, 1, s.heartbeatGrace(),
                s.socketTimeout(), s.sweepInterval(), s.maxQueuedFrames(), 4, 2, s.subscribeTimeout(), Duration.ZERO))) {
            TestClient websocket = gateway.subscribe("7_A@user", "");
            assertThat(websocket.next()).isEqualTo("+h\r\n");
            ready(gateway.tcpSubscribe("7_A@user", "", null));

            TcpClient third = gateway.tcpSubscribe("7_A@user", "", null);
            TcpClient otherKey = ready(gateway.tcpSubscribe("7_B@user", "", null));

            assertThat(third.untilClosed(5000)).isEmpty();
            assertThat(otherKey.heartbeat().next()).isEqualTo("+h\r\n");
            assertThat(gateway.sessions.connectionCount()).isEqualTo(3);
        }
    }

    private static TcpClient ready(TcpClient client) throws Exception {
        assertThat(client.next()).isEqualTo("+h\r\n");
        return client;
    }
}

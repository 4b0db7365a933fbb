package org.appmsg.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.Test;

class FrameTest {

    private final MailboxEntry entry = Entries.entry("7", 42, "{\"text\":\"héllo \\\"x\\\"\"}");

    @Test
    void the_new_format_carries_the_message_object() {
        byte[] payload = new Frame(entry).payload(true);

        assertThat(new String(payload, StandardCharsets.UTF_8))
                .isEqualTo("{\"msg\":{\"text\":\"héllo \\\"x\\\"\"},\"mid\":42,\"gid\":0}");
    }

    @Test
    void the_legacy_format_carries_the_message_as_a_string() {
        byte[] payload = new Frame(entry).payload(false);

        assertThat(new String(payload, StandardCharsets.UTF_8)).isEqualTo(entry.legacyEnvelope());
    }

    @Test
    void each_format_is_encoded_once() {
        Frame frame = new Frame(entry);

        assertThat(frame.payload(true)).isSameAs(frame.payload(true));
        assertThat(frame.payload(false)).isSameAs(frame.payload(false));
        assertThat(frame.mid()).isEqualTo(42);
    }

    @Test
    void the_tcp_bulk_string_counts_bytes_and_is_encoded_once() {
        Frame frame = new Frame(entry);
        byte[] payload = frame.payload(true);

        String bulk = new String(frame.bulk(true), StandardCharsets.UTF_8);

        assertThat(bulk).isEqualTo("$" + payload.length + "\r\n" + new String(payload, StandardCharsets.UTF_8) + "\r\n");
        assertThat(payload.length).isGreaterThan(new String(payload, StandardCharsets.UTF_8).length());
        assertThat(frame.bulk(true)).isSameAs(frame.bulk(true));
        assertThat(new String(frame.bulk(false), StandardCharsets.UTF_8)).endsWith(entry.legacyEnvelope() + "\r\n");
    }

    @Test
    void live_copies_sharing_a_body_are_byte_for_byte_the_entry_with_its_active_sessions() {
        for (String json : List.of("{\"text\":\"héllo \\\"x\\\"\",\"n\":1}", "{}", "{\"a\":\"\u2028\\n\"}")) {
            Frame.Body body = new Frame.Body(json);
            for (List<SessionId> active : List.of(List.<SessionId>of(), List.of(new SessionId(new UserId("7"), "Android-1")),
                    List.of(new SessionId(new UserId("7"), "iOS-2"), new SessionId(new UserId("7"), "Mozilla-5-417")))) {
                MailboxEntry copy = Entries.entry("7", 42 + active.size(), json);
                MailboxEntry expected = copy.withActiveSessions(active);

                Frame shared = new Frame(copy, active, body);

                assertThat(new String(shared.payload(true), StandardCharsets.UTF_8)).isEqualTo(expected.envelope());
                assertThat(new String(shared.payload(false), StandardCharsets.UTF_8)).isEqualTo(expected.legacyEnvelope());
                assertThat(new String(new Frame(copy, active, new Frame.Body(json)).payload(false), StandardCharsets.UTF_8))
                        .isEqualTo(expected.legacyEnvelope());
            }
        }
    }

    @Test
    void a_body_encodes_only_its_own_message_instance() {
        String json = entry.json();
        Frame.Body body = new Frame.Body(json);

        assertThat(body.encodes(json)).isTrue();
        assertThat(body.encodes(new String(json))).isFalse();
    }

    @Test
    void a_websocket_frame_is_a_final_unmasked_text_frame_with_the_shortest_length_encoding() {
        for (int length : new int[] {0, 1, 125, 126, 127, 65_535, 65_536, 200_000}) {
            byte[] payload = new byte[length];
            java.util.Arrays.fill(payload, (byte) 'x');

            byte[] wire = Frame.webSocketText(payload);

            int header = length < 126 ? 2 : length <= 65_535 ? 4 : 10;
            assertThat(wire).hasSize(header + length);
            assertThat(wire[0]).as("FIN + text").isEqualTo((byte) 0x81);
            assertThat(wire[1] & 0x80).as("a server never masks").isZero();
            long encoded = header == 2 ? wire[1] : 0;
            for (int i = 2; i < header; i++) {
                encoded = encoded << 8 | wire[i] & 0xFF;
            }
            assertThat(wire[1] & 0x7F).isEqualTo(header == 2 ? length : header == 4 ? 126 : 127);
            assertThat(encoded).isEqualTo(length);
            assertThat(java.util.Arrays.copyOfRange(wire, header, wire.length)).isEqualTo(payload);
        }
    }

    @Test
    void the_websocket_frame_wraps_the_payload_of_its_format_and_is_encoded_once() {
        Frame frame = new Frame(entry);

        assertThat(java.util.Arrays.copyOfRange(frame.webSocket(true), 2, frame.webSocket(true).length))
                .isEqualTo(frame.payload(true));
        assertThat(java.util.Arrays.copyOfRange(frame.webSocket(false), 2, frame.webSocket(false).length))
                .isEqualTo(frame.payload(false));
        assertThat(frame.webSocket(true)).isSameAs(frame.webSocket(true));
    }
}

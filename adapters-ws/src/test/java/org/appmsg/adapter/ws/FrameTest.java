package org.appmsg.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.appmsg.domain.message.MailboxEntry;
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
}

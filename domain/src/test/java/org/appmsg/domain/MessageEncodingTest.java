package org.appmsg.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.shared.JsonText;
import org.junit.jupiter.api.Test;

class MessageEncodingTest {

    @Test
    void json_text_escapes_quotes_controls_and_line_separators() {
        String json = new JsonText().string("content", "a\"b\\c\nd\u0001\u2028").number("n", 7).raw("o", "{\"x\":1}").end();
        assertThat(json).isEqualTo("{\"content\":\"a\\\"b\\\\c\\nd\\u0001\\u2028\",\"n\":7,\"o\":{\"x\":1}}");
    }

    @Test
    void the_new_envelope_embeds_the_message_object_and_the_legacy_one_a_string() {
        var entry = new MailboxEntry(Name.parse("1@user"), 5, new MessageId(9), "{\"content\":\"hi \\\"you\\\"\"}");

        assertThat(entry.envelope()).isEqualTo("{\"msg\":{\"content\":\"hi \\\"you\\\"\"},\"mid\":5,\"gid\":0}");
        assertThat(entry.legacyEnvelope())
                .isEqualTo("{\"msg\":\"{\\\"content\\\":\\\"hi \\\\\\\"you\\\\\\\"\\\"}\",\"mid\":5,\"gid\":0}");
    }

    @Test
    void a_live_copy_carries_the_active_sessions_in_its_message_object() {
        var entry = new MailboxEntry(Name.parse("1@user"), 5, new MessageId(9), "{\"content\":\"hi\"}");
        var session = new org.appmsg.domain.session.SessionId(new org.appmsg.domain.shared.UserId("1"), "iOS-a");

        assertThat(entry.withActiveSessions(java.util.List.of(session)).json())
                .isEqualTo("{\"content\":\"hi\",\"activeSessions\":[\"1_iOS-a\"]}");
        assertThat(entry.withActiveSessions(java.util.List.of()).json()).isEqualTo("{\"content\":\"hi\",\"activeSessions\":[]}");
    }

    @Test
    void secrets_never_print_and_digest_to_stable_hex() {
        Secret s = new Secret("abc");
        assertThat(s.toString()).doesNotContain("abc");
        assertThat(s.digest()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}

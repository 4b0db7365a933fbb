package org.appmsg.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.appmsg.domain.apns.ApnsCredential;
import org.appmsg.domain.apns.ApnsPayload;
import org.appmsg.domain.apns.ApnsVerdict;
import org.appmsg.domain.apns.DeviceToken;
import org.appmsg.domain.apns.NotificationRule;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.message.MessageFields;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.Test;

class ApnsRulesTest {

    static final Name BOB = Name.parse("bob@user");
    static final Name ALICE = Name.parse("alice@user");

    @Test
    void a_device_token_is_hex_kept_lower_case_and_never_printed_whole() {
        DeviceToken t = new DeviceToken("AB".repeat(32));
        assertThat(t.value()).isEqualTo("ab".repeat(32));
        assertThat(t.toString()).isEqualTo("abababab…(64)");
        assertThatThrownBy(() -> new DeviceToken("ab".repeat(31))).isInstanceOf(DomainViolation.class)
                .hasMessageContaining("apnsToken");
        assertThatThrownBy(() -> new DeviceToken("zz".repeat(32))).isInstanceOf(DomainViolation.class);
        assertThatThrownBy(() -> new DeviceToken("a" + "b".repeat(64))).isInstanceOf(DomainViolation.class);
    }

    @Test
    void apples_answers_decide_retry_removal_or_giving_up() {
        assertThat(ApnsVerdict.of(400, "BadDeviceToken")).isEqualTo(ApnsVerdict.REMOVE_TOKEN);
        assertThat(ApnsVerdict.of(400, "DeviceTokenNotForTopic")).isEqualTo(ApnsVerdict.REMOVE_TOKEN);
        assertThat(ApnsVerdict.of(410, "Unregistered")).isEqualTo(ApnsVerdict.REMOVE_TOKEN_IF_OLDER);
        assertThat(ApnsVerdict.of(429, "TooManyRequests")).isEqualTo(ApnsVerdict.RETRY);
        assertThat(ApnsVerdict.of(500, "InternalServerError")).isEqualTo(ApnsVerdict.RETRY);
        assertThat(ApnsVerdict.of(503, "ServiceUnavailable")).isEqualTo(ApnsVerdict.RETRY);
        assertThat(ApnsVerdict.of(400, "BadTopic")).isEqualTo(ApnsVerdict.GIVE_UP);
        assertThat(ApnsVerdict.of(403, "InvalidProviderToken")).isEqualTo(ApnsVerdict.GIVE_UP);
        assertThat(ApnsVerdict.of(413, "PayloadTooLarge")).isEqualTo(ApnsVerdict.GIVE_UP);
    }

    @Test
    void only_stored_copies_of_other_senders_notify_and_only_devices_that_did_not_see_them_live() {
        MailboxEntry stored = new MailboxEntry(BOB, 7, new MessageId(1), "{}");
        MailboxEntry liveOnly = MailboxEntry.liveOnly(BOB, new MessageId(1), "{}");
        SessionId phone = new SessionId(new UserId("bob"), "iOS-1");

        assertThat(NotificationRule.notifies(stored, ALICE, "iOS-1", List.of())).isTrue();
        assertThat(NotificationRule.notifies(stored, ALICE, "iOS-1", List.of(phone))).isFalse();
        assertThat(NotificationRule.notifies(stored, ALICE, "iOS-2", List.of(phone))).isTrue();
        assertThat(NotificationRule.notifies(liveOnly, ALICE, "iOS-1", List.of())).isFalse();
        assertThat(NotificationRule.notifies(stored, BOB, "iOS-1", List.of())).isFalse();
    }

    @Test
    void the_payload_follows_the_message_type_and_takes_a_group_copy_apart() {
        String text = "{\"msgId\":\"9\",\"fromUserName\":\"alice@user\",\"fromDisplayName\":\"Alice\",\"msgType\":1,"
                + "\"content\":\"hi \\\"you\\\"\",\"objectContent\":{\"x\":[1,{\"y\":\"}\"}]},\"expire\":60}";
        MessageFields f = MessageFields.read(text);
        assertThat(f).isEqualTo(new MessageFields("9", "alice@user", "Alice", 1, "hi \"you\"", 60));
        assertThat(ApnsPayload.of(f, 3)).isEqualTo("{\"aps\":{\"alert\":{\"title\":\"Alice\",\"body\":\"hi \\\"you\\\"\"},"
                + "\"sound\":\"default\"},\"msgId\":\"9\",\"mid\":3,\"from\":\"alice@user\"}");

        var image = new MessageFields("9", "alice@user", "Alice", 3, "", 0);
        assertThat(ApnsPayload.of(image, 1)).contains("\"body\":\"[image]\"");
        assertThat(ApnsPayload.of(new MessageFields("9", "alice@user", "Alice", 4, "", 0), 1)).contains("[voice]");
        assertThat(ApnsPayload.of(new MessageFields("9", "alice@user", "Alice", 2, "", 0), 1)).contains("[file]");

        var group = new MessageFields("9", "q1@qun", "Team", 1, "alice@user|alice|Alice&&hello all", 0);
        assertThat(ApnsPayload.of(group, 2)).contains("\"title\":\"Team\",\"body\":\"Alice: hello all\"")
                .contains("\"from\":\"q1@qun\",\"sender\":\"alice@user\"");
        var notice = new MessageFields("9", "q1@qun", "Team", 51, "您被alice邀请加入群聊", 0);
        assertThat(ApnsPayload.of(notice, 2)).contains("\"body\":\"您被alice邀请加入群聊\"").doesNotContain("sender");

        String longText = "😀".repeat(300);
        String body = ApnsPayload.of(new MessageFields("9", "alice@user", "Alice", 1, longText, 0), 1);
        assertThat(body).contains("😀".repeat(ApnsPayload.MAX_BODY - 1) + "…\"");
    }

    @Test
    void custom_fields_become_top_level_keys_but_never_replace_the_servers_own() {
        String text = "{\"msgId\":\"9\",\"fromUserName\":\"alice@user\",\"fromDisplayName\":\"Alice\","
                + "\"msgType\":1,\"content\":\"hi\",\"customFilelds\":{\"chat\":\"c-7\",\"n\":3,"
                + "\"deep\":{\"a\":[1,\"}\"]},\"aps\":{\"badge\":9},\"mid\":1}}";
        MessageFields f = MessageFields.read(text);
        assertThat(f.customFields()).containsExactly(java.util.Map.entry("chat", "\"c-7\""),
                java.util.Map.entry("n", "3"), java.util.Map.entry("deep", "{\"a\":[1,\"}\"]}"),
                java.util.Map.entry("aps", "{\"badge\":9}"), java.util.Map.entry("mid", "1"));
        assertThat(ApnsPayload.of(f, 3)).isEqualTo("{\"aps\":{\"alert\":{\"title\":\"Alice\",\"body\":\"hi\"},"
                + "\"sound\":\"default\"},\"msgId\":\"9\",\"mid\":3,\"from\":\"alice@user\",\"chat\":\"c-7\","
                + "\"n\":3,\"deep\":{\"a\":[1,\"}\"]}}");
        assertThat(MessageFields.read("{\"customFilelds\":\"not an object\"}").customFields()).isEmpty();
    }

    @Test
    void a_payload_never_exceeds_apples_limit_the_body_is_cut_first_then_custom_fields_go() {
        String longText = "é".repeat(170);
        var fits = new MessageFields("9", "alice@user", "Alice", 1, longText, 0,
                java.util.Map.of("blob", "\"" + "x".repeat(3800) + "\""));
        String cut = ApnsPayload.of(fits, 1);
        assertThat(cut.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(ApnsPayload.MAX_BYTES);
        assertThat(cut).contains("\"blob\":\"xxx").contains("…\"").doesNotContain(longText);

        var tooBig = new MessageFields("9", "alice@user", "Alice", 1, "hello", 0,
                java.util.Map.of("blob", "\"" + "x".repeat(5000) + "\""));
        String dropped = ApnsPayload.of(tooBig, 1);
        assertThat(dropped).doesNotContain("blob").contains("\"body\":\"hello\"");
        assertThat(dropped.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .hasSizeLessThanOrEqualTo(ApnsPayload.MAX_BYTES);
    }

    @Test
    void credentials_never_print_their_secrets() {
        var key = new ApnsCredential.SigningKey("-----BEGIN PRIVATE KEY-----\nSECRET\n-----END PRIVATE KEY-----",
                "ABCDE12345", "TEAM123456");
        var cert = new ApnsCredential.Certificate(new byte[] {1, 2}, "hunter2");
        assertThat(key.toString()).doesNotContain("SECRET");
        assertThat(cert.toString()).doesNotContain("hunter2");
        assertThatThrownBy(() -> new ApnsCredential.SigningKey("nope", "ABCDE12345", "TEAM123456"))
                .hasMessageContaining(".p8");
        assertThatThrownBy(() -> new ApnsCredential.SigningKey(key.pkcs8Pem(), "short", "TEAM123456"))
                .hasMessageContaining("keyId");
    }
}

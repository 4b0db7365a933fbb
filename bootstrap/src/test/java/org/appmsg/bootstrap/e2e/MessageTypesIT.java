package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Message types end to end (R19, docs/messages.md): a file and a link message reach the recipient live and
 * from the mailbox with {@code objectContent} exactly as sent; a file message without its upload is refused
 * with 65534 and nothing is stored or delivered.
 */
class MessageTypesIT extends ServerFixture {

    private static final String FILE = "{\"responseUpload\":{\"fid\":\"3,01637037d6\",\"fileName\":\"报告 Q3.pdf\","
            + "\"fileUrl\":\"127.0.0.1:8080/3,01637037d6\",\"size\":48213,\"mime\":\"application/pdf\"},\"appId\":\"crm\"}";
    private static final String LINK = "{\"url\":\"https://example.org/news?id=7#top\",\"title\":\"News\","
            + "\"description\":\"a \\\"quoted\\\" line\\nand another\",\"thumbUrl\":\"https://img.example.org/t.png\"}";

    @Override
    String databaseUrl() {
        return "";
    }

    private JsonNode pushRaw(String token, String from, String to, int msgType, String content, String objectContent) {
        String body = "{\"baseRequest\":{\"deviceID\":\"Android-k1\",\"token\":\"" + token + "\"},\"msg\":{"
                + "\"fromUserName\":\"" + from + "\",\"toUserName\":\"" + to + "\",\"msgType\":" + msgType
                + ",\"content\":\"" + content + "\"" + (objectContent == null ? "" : ",\"objectContent\":" + objectContent)
                + "}}";
        return client.postRaw("/app/client/device/push", body);
    }

    private static JsonNode msg(String frame) {
        JsonNode msg = Client.parse(frame).get("msg");
        return msg.isTextual() ? Client.parse(msg.asText()) : msg;
    }

    private List<JsonNode> mailbox(String token, String key) {
        JsonNode page = fetch(token, key, 0, 100);
        assertThat(ret(page)).as(page.toString()).isZero();
        List<JsonNode> out = new ArrayList<>();
        // an empty mailbox answers without data (legacy)
        page.path("data").path("msgs").forEach(m -> out.add(m.get("msg")));
        return out;
    }

    @Test
    void file_and_link_messages_arrive_with_object_content_unchanged() throws Exception {
        syncUser("kim", "kim-login", "Kim", "kim-pw");
        syncUser("lee", "lee-login", "Lee", "lee-pw");
        String kim = login("kim-login", "kim-pw", "Android-k1");
        String lee = login("lee-login", "lee-pw", "iOS-l1");
        try (Socket phone = subscribe("lee_iOS-l1@user", lee, "&ver=1");
                Socket web = subscribe("lee_Mozilla-5-2@user", lee, "")) {

            assertThat(ret(pushRaw(kim, "kim@user", "lee@user", 2, "[file]", FILE))).isZero();
            assertThat(ret(pushRaw(kim, "kim@user", "lee@user", 5, "", LINK))).isZero();

            String fileFrame = phone.next(5);
            String linkFrame = phone.next(5);
            assertThat(fileFrame).contains("\"objectContent\":" + FILE);
            assertThat(linkFrame).contains("\"objectContent\":" + LINK);
            assertThat(msg(fileFrame).get("msgType").asInt()).isEqualTo(2);
            assertThat(msg(fileFrame).get("content").asText()).isEqualTo("[file]");
            assertThat(msg(linkFrame).get("msgType").asInt()).isEqualTo(5);
            assertThat(msg(web.next(5)).get("objectContent")).as("legacy string envelope").isEqualTo(Client.parse(FILE));
            assertThat(msg(web.next(5)).get("objectContent")).isEqualTo(Client.parse(LINK));
        }

        List<JsonNode> stored = mailbox(lee, "lee@user");
        assertThat(stored).hasSize(2);
        assertThat(stored.get(0).get("msgType").asInt()).isEqualTo(2);
        assertThat(stored.get(0).get("objectContent").toString()).isEqualTo(FILE);
        assertThat(stored.get(1).get("msgType").asInt()).isEqualTo(5);
        assertThat(stored.get(1).get("objectContent").toString()).isEqualTo(LINK);
    }

    @Test
    void a_malformed_file_message_is_refused_and_nothing_is_stored_or_delivered() throws Exception {
        syncUser("nia", "nia-login", "Nia", "nia-pw");
        syncUser("mia", "mia-login", "Mia", "mia-pw");
        String nia = login("nia-login", "nia-pw", "Android-n1");
        String mia = login("mia-login", "mia-pw", "iOS-m1");
        try (Socket phone = subscribe("mia_iOS-m1@user", mia, "&ver=1")) {

            JsonNode noUpload = pushRaw(nia, "nia@user", "mia@user", 2, "[file]", "{\"fid\":\"3,01\"}");
            JsonNode badSize = pushRaw(nia, "nia@user", "mia@user", 2, "[file]",
                    FILE.replace("\"size\":48213", "\"size\":\"48213\""));
            JsonNode badLink = pushRaw(nia, "nia@user", "mia@user", 5, "", "{\"url\":\"javascript:alert(1)\"}");
            JsonNode notice = pushRaw(nia, "nia@user", "mia@user", 51, "fake notice", null);

            assertThat(ret(noUpload)).isEqualTo(65534);
            assertThat(noUpload.get("baseResponse").get("errMsg").asText())
                    .isEqualTo("msg.objectContent.responseUpload is required for msgType 2 (file)");
            assertThat(badSize.get("baseResponse").get("errMsg").asText())
                    .isEqualTo("msg.objectContent.responseUpload.size must be an integer ≥ 0");
            assertThat(badLink.get("baseResponse").get("errMsg").asText())
                    .isEqualTo("msg.objectContent.url must be an http(s) URL");
            assertThat(notice.get("baseResponse").get("errMsg").asText())
                    .isEqualTo("msg.msgType 51 is reserved for server notices");
            assertThat(List.of(ret(badSize), ret(badLink), ret(notice))).containsOnly(65534);
            assertThat(phone.drain(400)).as("nothing delivered").isEmpty();
        }
        assertThat(mailbox(mia, "mia@user")).as("nothing stored for the recipient").isEmpty();
        assertThat(mailbox(nia, "nia@user")).as("nothing stored for the sender").isEmpty();
    }
}

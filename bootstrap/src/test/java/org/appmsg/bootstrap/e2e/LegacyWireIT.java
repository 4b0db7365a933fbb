package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Wire compatibility with legacy appmsgsrv clients, spoken with the legacy bodies as its integration guide and
 * SDKs send them: a {@code msgType} written as a string of digits is that number (device push and
 * application push), anything else in its place is still refused naming the field; a doubled slash in the path
 * ({@code //1/msg/get}, built by the legacy Java client) reaches the route.
 */
class LegacyWireIT extends ServerFixture {

    @Override
    String databaseUrl() {
        return "";
    }

    private JsonNode devicePush(String token, String msgType, String content) {
        return devicePush(token, "kim", "lee", msgType, content);
    }

    private JsonNode devicePush(String token, String from, String to, String msgType, String content) {
        return client.postRaw("/app/client/device/push",
                "{\"baseRequest\":{\"uid\":\"" + from + "\",\"deviceID\":\"Android-" + from
                        + "\",\"deviceType\":\"Android\",\"token\":\""
                        + token + "\"},\"msg\":{\"fromUserName\":\"" + from + "@user\",\"toUserName\":\"" + to
                        + "@user\","
                        + "\"content\":\"" + content + "\",\"msgType\":" + msgType + ",\"clientMsgId\":\"c-" + content
                        + "\"}}");
    }

    @Test
    void a_numeric_string_msg_type_is_that_number_on_device_and_application_push() throws Exception {
        String kim = signedIn("kim");
        String lee = signedIn("lee");
        try (Socket phone = subscribe("lee_Android-lee@user", lee, "")) {
            JsonNode pushed = devicePush(kim, "\"1\"", "quoted");
            assertThat(ret(pushed)).as(pushed.toString()).isZero();
            String frame = phone.frames().poll(5, TimeUnit.SECONDS);
            assertThat(frame).isNotNull();
            assertThat(content(frame)).isEqualTo("quoted");

            // application push as the legacy Java SDK sends it: "msgType":"102"
            JsonNode app = client.postRaw("/app/client/app/user/push", "{\"baseRequest\":{\"token\":\"" + appToken
                    + "\"},\"toUserNames\":[\"lee@user\"],\"msgType\":\"1\",\"content\":\"from-app\"}");
            assertThat(ret(app)).as(app.toString()).isZero();
            String appFrame = phone.frames().poll(5, TimeUnit.SECONDS);
            assertThat(appFrame).isNotNull();
            assertThat(content(appFrame)).isEqualTo("from-app");
        }
        JsonNode page = fetch(lee, "lee_Android-lee@user", 0, 10);
        assertThat(page.path("data").path("msgs")).hasSize(2);
        assertThat(page.path("data").path("msgs").get(0).get("msg").get("msgType").asInt()).isEqualTo(1);
    }

    @Test
    void a_string_that_is_not_digits_is_still_refused_naming_the_field() {
        String kim = signedIn("ann");
        signedIn("bob");
        for (String bad : new String[] {"\"1.5\"", "\"-1\"", "\" 1\"", "\"\"", "\"one\""}) {
            JsonNode refused = devicePush(kim, "ann", "bob", bad, "bad");
            assertThat(ret(refused)).as(bad).isEqualTo(65534);
            assertThat(refused.path("baseResponse").path("errMsg").asText()).as(bad).contains("msg.msgType");
        }
        JsonNode tooBig = devicePush(kim, "ann", "bob", "\"99999999999\"", "big");
        assertThat(ret(tooBig)).isEqualTo(65534);
        assertThat(tooBig.path("baseResponse").path("errMsg").asText()).contains("msg.msgType");
        String lee = login("bob-login", "bob-pw", "Android-bob");
        assertThat(fetch(lee, "bob_Android-bob@user", 0, 10).path("data").path("msgs")).isEmpty();
    }

    @Test
    void a_doubled_slash_reaches_the_route() {
        String kim = signedIn("cid");
        String lee = signedIn("dee");
        assertThat(ret(devicePush(kim, "cid", "dee", "1", "slashes"))).isZero();
        var answer = client.get("//1/msg/get?k=dee_Android-dee@user&m=0&token=" + lee);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode page = Client.parse(answer.body());
        assertThat(ret(page)).as(answer.body()).isZero();
        assertThat(page.path("data").path("msgs").get(0).get("msg").get("content").asText()).isEqualTo("slashes");
    }
}

package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed requests against the real server: each gets a non-zero ret with a message naming the
 * problem, and nothing is stored (the recipient's mailbox stays empty, no user appears).
 */
class BadInputIT extends ServerFixture {

    private String aliceToken;

    @Override
    String databaseUrl() {
        return "";
    }

    @BeforeAll
    void signIn() {
        aliceToken = login("alice-login", "alice-pw", "Android-a1");
    }

    static Stream<Arguments> malformed() {
        String push = "/app/client/device/push";
        String sync = "/app/client/app/syncUser";
        String login = "/app/client/device/login";
        String appPush = "/app/client/app/user/push";
        String base = "\"baseRequest\":{\"token\":\"TOKEN\",\"deviceID\":\"Android-a1\"}";
        return Stream.of(
                Arguments.of(push, "not json", 65534, ""),
                Arguments.of(push, "[1,2]", 65534, ""),
                Arguments.of(push, "{\"msg\":{}}", 65534, "baseRequest"),
                Arguments.of(push, "{" + base + "}", 65534, "msg"),
                Arguments.of(push, "{" + base + ",\"msg\":{\"toUserName\":\"bob@user\",\"content\":\"x\",\"msgType\":1}}", 65534, "fromUserName"),
                Arguments.of(push, "{" + base + ",\"msg\":{\"fromUserName\":\"alice@user\",\"content\":\"x\",\"msgType\":1}}", 65534, "toUserName"),
                Arguments.of(push, "{" + base + ",\"msg\":{\"fromUserName\":\"alice@user\",\"toUserName\":\"bob@user\",\"msgType\":1}}", 65534, "content"),
                Arguments.of(push, "{" + base + ",\"msg\":{\"fromUserName\":\"alice@user\",\"toUserName\":\"bob@user\",\"content\":\"x\"}}", 65534, "msgType"),
                Arguments.of(push, "{" + base + ",\"msg\":{\"fromUserName\":\"alice@user\",\"toUserName\":\"bob@user\",\"content\":\"x\",\"msgType\":\"one\"}}", 65534, "msgType"),
                Arguments.of(push, "{" + base + ",\"msg\":{\"fromUserName\":\"alice@user\",\"toUserName\":\"bob@user\",\"content\":7,\"msgType\":1}}", 65534, "content"),
                Arguments.of(push, "{" + base + ",\"msg\":{\"fromUserName\":\"alice@user\",\"toUserName\":\"bob@users\",\"content\":\"x\",\"msgType\":1}}", 65534, "bob@users"),
                Arguments.of(push, "{" + base + ",\"msg\":{\"fromUserName\":\"alice\",\"toUserName\":\"bob@user\",\"content\":\"x\",\"msgType\":1}}", 65534, "alice"),
                Arguments.of(push, "{" + base + ",\"msg\":{\"fromUserName\":\"alice@user\",\"toUserName\":\"bob@user\",\"content\":\"x\",\"msgType\":1,\"expire\":-5}}", 65534, "expire"),
                Arguments.of(push, "{" + base + ",\"msg\":{\"fromUserName\":\"alice@user\",\"toUserName\":\"bob@user\",\"content\":\"x\",\"msgType\":1,\"expire\":\"soon\"}}", 65534, "expire"),
                Arguments.of(push, "{" + base + ",\"msg\":{\"fromUserName\":\"alice@user\",\"toUserName\":\"bob@user\",\"content\":\"x\",\"msgType\":1,\"objectContent\":\"x\"}}", 65534, "objectContent"),
                Arguments.of(push, "{" + base + ",\"sessions\":\"all\",\"msg\":{\"fromUserName\":\"alice@user\",\"toUserName\":\"bob@user\",\"content\":\"x\",\"msgType\":1}}", 65534, "sessions"),
                Arguments.of(push, "{" + base + ",\"sessions\":[1,{}],\"msg\":{\"fromUserName\":\"alice@user\",\"toUserName\":\"bob@user\",\"content\":\"x\",\"msgType\":1}}", 65534, "sessions[0]"),
                Arguments.of(push, "{" + base + ",\"msg\":{\"fromUserName\":\"alice@user\",\"toUserName\":\"bob@user\",\"content\":\"x\",\"msgType\":1,\"sessions\":[1,{}]}}", 65534, "msg.sessions"),
                Arguments.of(push, "{" + base + ",\"msg\":{\"fromUserName\":\"alice@user\",\"toUserName\":\"bob@user\",\"content\":\"x\",\"msgType\":1,\"sessions\":\"all\"}}", 65534, "msg.sessions"),
                Arguments.of(appPush, "{\"baseRequest\":{\"token\":\"APPTOKEN\"},\"toUserNames\":[\"bob@user\"],\"sessions\":[1,{}],\"msgType\":1,\"content\":\"x\"}", 65534, "sessions[0]"),
                Arguments.of(appPush, "{\"baseRequest\":{\"token\":\"APPTOKEN\"},\"toUserNames\":[\"bob@user\"],\"sessions\":[[\"all\"]],\"msgType\":1,\"content\":\"x\"}", 65534, "sessions[0]"),
                Arguments.of(appPush, "{\"baseRequest\":{\"token\":\"APPTOKEN\"},\"toUserNames\":[\"bob@user\",7],\"msgType\":1,\"content\":\"x\"}", 65534, "toUserNames[1]"),
                Arguments.of(push, "{" + base + ",\"msg\":{\"fromUserName\":\"alice@user\",\"toUserName\":\"bob@user\",\"content\":\"" + "x".repeat(70_000) + "\",\"msgType\":1}}", 65534, "content"),
                Arguments.of(push, "{\"baseRequest\":{\"token\":\"forged\"},\"msg\":{\"fromUserName\":\"alice@user\",\"toUserName\":\"bob@user\",\"content\":\"x\",\"msgType\":1}}", 65533, ""),
                Arguments.of(push, "{" + base + ",\"msg\":{\"fromUserName\":\"bob@user\",\"toUserName\":\"bob@user\",\"content\":\"spoof\",\"msgType\":1}}", 65533, "fromUserName"),
                Arguments.of(sync, "{\"baseRequest\":{\"token\":\"APPTOKEN\"},\"member\":{\"name\":\"x\",\"password\":\"p\"}}", 65534, "uid"),
                Arguments.of(sync, "{\"baseRequest\":{\"token\":\"APPTOKEN\"},\"member\":{\"uid\":\"bad id!\",\"name\":\"x\",\"password\":\"p\"}}", 65534, "id"),
                Arguments.of(sync, "{\"baseRequest\":{\"token\":\"APPTOKEN\"},\"member\":{\"uid\":\"zed\",\"name\":\"x\",\"nickName\":3,\"password\":\"p\"}}", 65534, "nickName"),
                Arguments.of(sync, "{\"baseRequest\":{\"token\":\"wrong\"},\"member\":{\"uid\":\"zed\",\"name\":\"zed\",\"password\":\"p\"}}", 65533, ""),
                Arguments.of(login, "{\"baseRequest\":{},\"userName\":\"alice-login\"}", 65534, "password"),
                Arguments.of(login, "{\"baseRequest\":{},\"userName\":\"alice-login\",\"password\":\"wrong\"}", 65539, ""));
    }

    @ParameterizedTest(name = "{0} {2} {3}")
    @MethodSource("malformed")
    void is_refused_with_a_clear_code_and_changes_nothing(String path, String body, int code, String mentioned) {
        long before = mailboxSize("bob-login", "bob-pw", "bob@user");

        JsonNode r = client.postRaw(path, body.replace("APPTOKEN", appToken).replace("TOKEN", aliceToken));

        assertThat(ret(r)).as(r.toString()).isEqualTo(code);
        assertThat(r.get("baseResponse").get("errMsg").asText()).as(r.toString()).isNotBlank().contains(mentioned);
        assertThat(mailboxSize("bob-login", "bob-pw", "bob@user")).isEqualTo(before);
        assertThat(ret(new DirectoryCalls(client).member(aliceToken, "zed"))).as("no user was created").isEqualTo(65531);
    }

    private long mailboxSize(String login, String password, String key) {
        JsonNode page = fetch(login(login, password, "Android-check"), key, 0, 1000);
        return page.has("data") ? page.get("data").get("msgs").size() : 0;
    }
}

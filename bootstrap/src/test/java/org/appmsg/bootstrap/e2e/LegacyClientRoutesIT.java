package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The legacy client routes restored last, called with the legacy bodies (legacy spec §3.5, §3.11, §3.12):
 * {@code checkUpdate} (the releases the operator configured in {@code APPMSG_CLIENT_RELEASES}),
 * {@code getAppOperationList} (always empty: appmsg keeps no application menus), the contact card page
 * {@code /app/user/erweima} (only for a signed-in user of the same tenant), and the web chat page's JSONP
 * {@code /app/client/appweb/login} and {@code /app/client/appweb/push} (real authentication, never a password).
 */
class LegacyClientRoutesIT extends ServerFixture {

    @Override
    String databaseUrl() {
        return "";
    }

    @Override
    void moreSettings(Map<String, String> env) {
        try {
            Path releases = Files.createTempFile(dataDir, "releases", ".properties");
            Files.writeString(releases, """
                    Android.versionCode=12
                    Android.versionName=1.2.0
                    Android.description=Faster sign-in
                    Android.url=https://downloads.example.org/app-1.2.0.apk
                    Android.fileName=app-1.2.0.apk
                    """);
            env.put("APPMSG_CLIENT_RELEASES", releases.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String base(String uid, String token) {
        return "{\"baseRequest\":{\"uid\":\"" + uid + "\",\"deviceID\":\"Android-" + uid
                + "\",\"deviceType\":\"Android\",\"token\":\"" + token + "\"}";
    }

    @Test
    void check_update_answers_the_configured_release_as_the_legacy_msg() {
        String kim = signedIn("kim");
        JsonNode latest = client.postRaw("/app/client/device/checkUpdate", base("kim", kim) + ",\"type\":\"android\"}");
        assertThat(latest.toString()).isEqualTo("{\"baseResponse\":{\"ret\":0,\"errMsg\":\"\"},\"msg\":{\"msgType\":1001,"
                + "\"content\":\"Faster sign-in\",\"objectContent\":{\"versionCode\":12,\"versionName\":\"1.2.0\","
                + "\"url\":\"https://downloads.example.org/app-1.2.0.apk\",\"fileName\":\"app-1.2.0.apk\"}}}");

        assertThat(client.postRaw("/app/client/device/checkUpdate", base("kim", kim) + ",\"type\":\"iOS\"}").toString())
                .isEqualTo("{\"baseResponse\":{\"ret\":65531,\"errMsg\":\"no release of client type iOS is offered\"}}");
        assertThat(client.postRaw("/app/client/device/checkUpdate", base("kim", kim) + "}").toString())
                .isEqualTo("{\"baseResponse\":{\"ret\":65534,\"errMsg\":\"type is required\"}}");
        assertThat(ret(client.postRaw("/app/client/device/checkUpdate", base("kim", "nope") + ",\"type\":\"Android\"}")))
                .isEqualTo(65533);
    }

    @Test
    void app_operation_list_is_empty_for_an_application_the_user_sees() {
        String lou = signedIn("lou");
        assertThat(client.postRaw("/app/client/device/getAppOperationList", base("lou", lou)
                + ",\"username\":\"app1@app\"}").toString())
                .isEqualTo("{\"baseResponse\":{\"ret\":0,\"errMsg\":\"\"},\"operationList\":[],\"operationCount\":0}");
        assertThat(client.postRaw("/app/client/device/getAppOperationList", base("lou", lou)
                + ",\"username\":\"lou@user\"}").toString()).isEqualTo("{\"baseResponse\":{\"ret\":65534,"
                + "\"errMsg\":\"username must name an application, like 7@app (got lou@user)\"}}");
        assertThat(client.postRaw("/app/client/device/getAppOperationList", base("lou", lou)
                + ",\"username\":\"other@app\"}").toString())
                .isEqualTo("{\"baseResponse\":{\"ret\":65531,\"errMsg\":\"application other does not exist\"}}");
    }

    @Test
    void the_contact_card_needs_a_signed_in_viewer_and_escapes_what_it_shows() {
        String viewer = signedIn("vic");
        syncUser("eve", "eve-login", "<b>Eve</b>", "eve-pw");
        var card = client.get("/app/user/erweima?id=eve&token=" + viewer);
        assertThat(card.statusCode()).isEqualTo(200);
        assertThat(card.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(card.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'none'");
        assertThat(card.body()).contains("&lt;b&gt;Eve&lt;/b&gt;").contains("eve@example.org")
                .doesNotContain("<b>Eve").doesNotContain("eve-pw");

        var anonymous = client.get("/app/user/erweima?id=eve");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("Eve").doesNotContain("eve@example.org");
        assertThat(client.get("/app/user/erweima?id=eve&token=forged").statusCode()).isEqualTo(401);
        assertThat(client.get("/app/user/erweima?id=ghost&token=" + viewer).statusCode()).isEqualTo(404);
        assertThat(client.get("/app/user/erweima?token=" + viewer).statusCode()).isEqualTo(400);
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void web_login_verifies_the_password_and_answers_jsonp_without_a_password() {
        syncUser("web1", "web1-login", "Web One", "web1-pw");
        var answer = client.get("/app/client/appweb/login?callbackparam=cb&" + q("baseRequest[uid]") + "=web1&"
                + q("baseRequest[deviceType]") + "=web&userName=&password=web1-pw");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/javascript");
        Matcher m = Pattern.compile("cb \\( (\\{.*}) \\)\n", Pattern.DOTALL).matcher(answer.body());
        assertThat(m.matches()).as(answer.body()).isTrue();
        JsonNode json = Client.parse(m.group(1));
        assertThat(ret(json)).isZero();
        assertThat(json.get("uid").asText()).isEqualTo("web1");
        assertThat(json.get("member").get("nickName").asText()).isEqualTo("Web One");
        assertThat(answer.body()).doesNotContain("password").doesNotContain("web1-pw");
        // the token is a real one: it reads the user's mailbox
        assertThat(ret(fetch(json.get("token").asText(), "web1@user", 0, 10))).isZero();

        assertThat(client.get("/app/client/appweb/login?callbackparam=cb&" + q("baseRequest[uid]")
                + "=web1&password=wrong").body())
                .isEqualTo("cb ( {\"baseResponse\":{\"ret\":65539,\"errMsg\":\"auth failed\"}} )\n");
        assertThat(client.postForm("/app/client/appweb/login", "callbackparam=cb&userName=web1-login&password=web1-pw")
                .body()).startsWith("cb ( {\"baseResponse\":{\"ret\":0,");
        assertThat(client.get("/app/client/appweb/login?callbackparam=cb&" + q("baseRequest[uid]") + "=web1").body())
                .isEqualTo("cb ( {\"baseResponse\":{\"ret\":65534,\"errMsg\":\"password is required\"}} )\n");
        assertThat(client.get("/app/client/appweb/login?callbackparam=alert(1)&userName=x&password=y").body())
                .isEqualTo("{\"baseResponse\":{\"ret\":65534,\"errMsg\":\"callbackparam must match "
                        + "[A-Za-z_$][A-Za-z0-9_$.]{0,63}\"}}");
    }

    @Test
    void web_push_is_a_device_push_with_a_real_token_in_jsonp() {
        String wen = signedIn("wen");
        String tao = signedIn("tao");
        String form = "callbackparam=cb&" + q("baseRequest[token]") + "=" + q(wen) + "&" + q("baseRequest[deviceID]")
                + "=Mozilla-5-417&" + q("msg[clientMsgId]") + "=w1&" + q("msg[msgType]") + "=1&"
                + q("msg[fromUserName]") + "=wen%40user&" + q("msg[toUserName]") + "=tao%40user&" + q("msg[content]")
                + "=" + q("hello from the web") + "&" + q("msg[expire]") + "=&sessions=";
        var pushed = client.postForm("/app/client/appweb/push", form);
        Matcher m = Pattern.compile("cb \\( \\{\"baseResponse\":\\{\"ret\":0,\"errMsg\":\"\"},\"msgID\":\"\\d+\","
                + "\"clientMsgId\":\"w1\",\"mid\":1} \\)\n").matcher(pushed.body());
        assertThat(m.matches()).as(pushed.body()).isTrue();
        JsonNode got = fetch(tao, "tao@user", 0, 10).path("data").path("msgs");
        assertThat(got).hasSize(1);
        assertThat(got.get(0).get("msg").get("content").asText()).isEqualTo("hello from the web");
        assertThat(got.get(0).get("msg").get("fromUserName").asText()).isEqualTo("wen@user");

        // the same as a JSONP GET, as the legacy page's script tag sends it
        assertThat(client.get("/app/client/appweb/push?" + form.replace("w1", "w2")).body())
                .startsWith("cb ( {\"baseResponse\":{\"ret\":0,");
        assertThat(client.postForm("/app/client/appweb/push", form.replace(q(wen), "forged")).body())
                .isEqualTo("cb ( {\"baseResponse\":{\"ret\":65533,\"errMsg\":\"token is unknown or expired\"}} )\n");
        assertThat(client.postForm("/app/client/appweb/push", form.replace("wen%40user", "tao%40user")).body())
                .isEqualTo("cb ( {\"baseResponse\":{\"ret\":65533,\"errMsg\":\"fromUserName tao@user is not the "
                        + "signed-in user\"}} )\n");
        assertThat(client.postForm("/app/client/appweb/push", form.replace(q("msg[content]") + "=", "x=")).body())
                .isEqualTo("cb ( {\"baseResponse\":{\"ret\":65534,\"errMsg\":\"msg[content] is required\"}} )\n");
        assertThat(client.postForm("/app/client/appweb/push", form.replace(q("msg[msgType]") + "=1", q("msg[msgType]")
                + "=1.5")).body()).contains("msg[msgType]").startsWith("cb ( {\"baseResponse\":{\"ret\":65534,");
        assertThat(fetch(tao, "tao@user", 0, 10).path("data").path("msgs")).hasSize(2);
    }
}

package org.appmsg.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.appmsg.application.port.in.ChangeShieldUseCase;
import org.appmsg.application.port.in.CheckShieldUseCase;
import org.appmsg.application.port.in.PushApplicationMessageUseCase;
import org.appmsg.application.port.in.PushApplicationMessageUseCase.Command;
import org.appmsg.application.port.in.PushApplicationMessageUseCase.Result;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.message.Lifetime;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.session.SessionSelector;
import org.appmsg.domain.session.SessionState;
import org.appmsg.domain.shared.AppId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code /app/client/app/user/push} and the shield routes: commands built from the body, results mapped. */
class AppPushRoutesTest extends RoutesTest {

    private static final String PUSH = "/app/client/app/user/push";
    private static final String SET = "/app/client/device/setShieldMsg";
    private static final String CANCEL = "/app/client/device/cancelShieldMsg";
    private static final String IS = "/app/client/device/isUserShieldApp";
    private static final String APP_BASE = "\"baseRequest\":{\"token\":\"app-tok\"}";
    private static final String USER_BASE = "\"baseRequest\":{\"uid\":\"42\",\"token\":\"user-tok\"}";
    private static final String MINIMAL = "{" + APP_BASE + ",\"toUserNames\":[\"42@user\"],\"msgType\":1,\"content\":\"hi\"}";

    // push

    @Test
    void a_full_push_builds_the_command_and_answers_msg_id_and_mlist() {
        var response = server.post(PUSH, "{" + APP_BASE + ",\"toUserNames\":[\"42@user\",\"o1@org\",\"t1@tenant\","
                + "\"a9@app\"],\"sessions\":[\"active\"],\"expire\":3600,\"msgType\":1,\"content\":\"hello\","
                + "\"objectContent\":{\"appId\":\"not-me\",\"appSendId\":\"s-1\"},\"statusId\":\"st-9\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().toString()).isEqualTo("{\"baseResponse\":{\"ret\":0,\"errMsg\":\"\"},"
                + "\"msgID\":\"77\",\"mlist\":[{\"mid\":5,\"key\":\"42@user\"},{\"mid\":1,\"key\":\"a9@app\"}]}");
        assertThat(server.onlyCall(Command.class)).isEqualTo(new Command(new Secret("app-tok"),
                List.of(Name.parse("42@user"), Name.parse("o1@org"), Name.parse("t1@tenant"), Name.parse("a9@app")),
                new SessionSelector.InState(SessionState.ACTIVE), Lifetime.ofExpireSeconds(3600), 1, "hello",
                "{\"appId\":\"not-me\",\"appSendId\":\"s-1\"}", "st-9"));
    }

    @Test
    void a_file_push_passes_the_validated_upload_for_the_file_link() {
        server.post(PUSH, "{" + APP_BASE + ",\"toUserNames\":[\"42@user\"],\"msgType\":4,\"content\":\"\","
                + "\"objectContent\":{\"duration\":3,\"responseUpload\":{\"fid\":\"7,ab\",\"fileName\":\"v.amr\","
                + "\"fileUrl\":\"http://files:8080/7,ab\",\"size\":99}}}");

        assertThat(server.onlyCall(Command.class).file())
                .contains(new org.appmsg.domain.file.FileUpload("7,ab", "v.amr", "http://files:8080/7,ab", 99));
    }

    @Test
    void optional_fields_default_to_every_session_the_default_lifetime_and_empty_texts() {
        server.post(PUSH, MINIMAL);

        assertThat(server.onlyCall(Command.class)).isEqualTo(new Command(new Secret("app-tok"),
                List.of(Name.parse("42@user")), new SessionSelector.All(), Lifetime.serverDefault(), 1, "hi", "", ""));
    }

    @Test
    void sessions_and_expire_take_every_form_of_a_device_push() {
        server.post(PUSH, "{" + APP_BASE + ",\"toUserNames\":[\"42@user\"],\"sessions\":[],\"expire\":0,"
                + "\"msgType\":1,\"content\":\"hi\"}");
        server.post(PUSH, "{" + APP_BASE + ",\"toUserNames\":[\"42@user\"],\"sessions\":[\"42_iOS-1\"],"
                + "\"msgType\":1,\"content\":\"hi\"}");

        assertThat(server.calls).extracting(c -> ((Command) c).sessions()).containsExactly(new SessionSelector.None(),
                new SessionSelector.Only(Set.of(SessionId.parse("42_iOS-1"))));
        assertThat(((Command) server.calls.get(0)).lifetime()).isEqualTo(Lifetime.ofExpireSeconds(0));
    }

    @Test
    void apns_true_asks_a_live_only_push_to_notify_devices_and_changes_nothing_for_a_stored_one() {
        server.post(PUSH, "{" + APP_BASE + ",\"toUserNames\":[\"42@user\"],\"expire\":0,\"apns\":true,"
                + "\"msgType\":1,\"content\":\"hi\"}");
        server.post(PUSH, "{" + APP_BASE + ",\"toUserNames\":[\"42@user\"],\"expire\":0,\"apns\":false,"
                + "\"msgType\":1,\"content\":\"hi\"}");
        server.post(PUSH, "{" + APP_BASE + ",\"toUserNames\":[\"42@user\"],\"expire\":60,\"apns\":true,"
                + "\"msgType\":1,\"content\":\"hi\"}");

        assertThat(server.calls).extracting(c -> ((Command) c).lifetime()).containsExactly(
                new Lifetime.LiveOnly(true), new Lifetime.LiveOnly(false), Lifetime.ofExpireSeconds(60));
    }

    @Test
    void a_live_only_push_answers_mid_0() {
        server.pushApplicationMessage = c -> new Result.Pushed(new MessageId(8),
                List.of(new PushApplicationMessageUseCase.Stored(Name.parse("42@user"), 0)));
        assertThat(server.post(PUSH, MINIMAL).json().get("mlist").toString()).isEqualTo("[{\"mid\":0,\"key\":\"42@user\"}]");
    }

    @Test
    void every_result_maps_to_its_ret_code() {
        server.pushApplicationMessage = c -> new Result.Pushed(new MessageId(8), List.of());
        assertThat(server.post(PUSH, MINIMAL).json().toString())
                .isEqualTo("{\"baseResponse\":{\"ret\":0,\"errMsg\":\"\"},\"msgID\":\"8\",\"mlist\":[]}");

        server.pushApplicationMessage = c -> new Result.Unauthorized();
        assertRefusal(server.post(PUSH, MINIMAL), 65533, "application token is unknown or disabled");

        server.pushApplicationMessage = c -> new Result.TooMany("too many");
        assertRefusal(server.post(PUSH, MINIMAL), 65532, "too many");

        server.pushApplicationMessage = c -> new Result.NotFound("user 7 does not exist");
        assertRefusal(server.post(PUSH, MINIMAL), 65531, "user 7 does not exist");

        server.pushApplicationMessage = c -> new Result.Unsupported("groups are not supported yet");
        assertRefusal(server.post(PUSH, MINIMAL), 65534, "groups are not supported yet");
    }

    @Test
    void more_than_a_thousand_names_reach_the_use_case_which_answers_65532() {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < 1001; i++) {
            names.append(i == 0 ? "" : ",").append("\"u").append(i).append("@user\"");
        }
        server.pushApplicationMessage = c -> new Result.TooMany("toUserNames lists " + c.to().size() + " names");

        var response = server.post(PUSH, "{" + APP_BASE + ",\"toUserNames\":[" + names + "],\"msgType\":1,\"content\":\"x\"}");

        assertRefusal(response, 65532, "toUserNames lists 1001 names");
    }

    static Stream<Arguments> malformedPushes() {
        String names = "\"toUserNames\":[\"42@user\"]";
        String msg = "\"msgType\":1,\"content\":\"hi\"";
        return Stream.of(
                Arguments.of("not JSON", "{" + APP_BASE + ","),
                Arguments.of("no baseRequest", "{" + names + "," + msg + "}"),
                Arguments.of("no token", "{\"baseRequest\":{}," + names + "," + msg + "}"),
                Arguments.of("no toUserNames", "{" + APP_BASE + "," + msg + "}"),
                Arguments.of("toUserNames a string", "{" + APP_BASE + ",\"toUserNames\":\"42@user\"," + msg + "}"),
                Arguments.of("toUserNames empty", "{" + APP_BASE + ",\"toUserNames\":[]," + msg + "}"),
                Arguments.of("a name without suffix", "{" + APP_BASE + ",\"toUserNames\":[\"42\"]," + msg + "}"),
                Arguments.of("an unknown suffix", "{" + APP_BASE + ",\"toUserNames\":[\"42@group\"]," + msg + "}"),
                Arguments.of("a name that is a number", "{" + APP_BASE + ",\"toUserNames\":[42]," + msg + "}"),
                Arguments.of("no msgType", "{" + APP_BASE + "," + names + ",\"content\":\"hi\"}"),
                Arguments.of("msgType a string that is not digits", "{" + APP_BASE + "," + names + ",\"msgType\":\"one\",\"content\":\"hi\"}"),
                Arguments.of("no content", "{" + APP_BASE + "," + names + ",\"msgType\":1}"),
                Arguments.of("content a number", "{" + APP_BASE + "," + names + ",\"msgType\":1,\"content\":5}"),
                Arguments.of("objectContent a string", "{" + APP_BASE + "," + names + "," + msg + ",\"objectContent\":\"x\"}"),
                Arguments.of("negative expire", "{" + APP_BASE + "," + names + "," + msg + ",\"expire\":-1}"),
                Arguments.of("expire beyond a year", "{" + APP_BASE + "," + names + "," + msg + ",\"expire\":31622400}"),
                Arguments.of("expire a string that is not digits", "{" + APP_BASE + "," + names + "," + msg + ",\"expire\":\"60s\"}"),
                Arguments.of("apns a string", "{" + APP_BASE + "," + names + "," + msg + ",\"expire\":0,\"apns\":\"yes\"}"),
                Arguments.of("sessions not an array", "{" + APP_BASE + "," + names + "," + msg + ",\"sessions\":\"all\"}"),
                Arguments.of("a malformed session id", "{" + APP_BASE + "," + names + "," + msg + ",\"sessions\":[\"x\",\"y\"]}"),
                Arguments.of("statusId a number", "{" + APP_BASE + "," + names + "," + msg + ",\"statusId\":5}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedPushes")
    void a_malformed_push_is_65534_and_the_use_case_is_never_called(String name, String body) {
        var response = server.post(PUSH, body);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.ret()).isEqualTo(65534);
        assertThat(response.errMsg()).isNotEmpty();
        assertThat(server.calls).isEmpty();
    }

    // shields

    @Test
    void set_shield_builds_the_command_with_the_legacy_fields() {
        var response = server.post(SET, "{" + USER_BASE + ",\"sourceId\":\"42\",\"targetId\":\"a9\",\"type\":1,"
                + "\"memo\":\"too noisy\"}");

        assertThat(response.json().toString()).isEqualTo(DirectoryRoutesTest.OK);
        assertThat(server.onlyCall(ChangeShieldUseCase.Command.class)).isEqualTo(new ChangeShieldUseCase.Command(
                new Secret("user-tok"), "42", new AppId("a9"), 1, "too noisy", true));
    }

    @Test
    void cancel_shield_needs_no_source_id_and_keeps_no_memo() {
        server.post(CANCEL, "{" + USER_BASE + ",\"targetId\":\"a9\",\"type\":1,\"memo\":\"ignored\"}");

        assertThat(server.onlyCall(ChangeShieldUseCase.Command.class)).isEqualTo(new ChangeShieldUseCase.Command(
                new Secret("user-tok"), "", new AppId("a9"), 1, "", false));
    }

    @Test
    void change_shield_maps_every_result() {
        String body = "{" + USER_BASE + ",\"targetId\":\"a9\",\"type\":1}";
        server.changeShield = c -> new ChangeShieldUseCase.Result.Done(false);
        assertThat(server.post(SET, body).json().toString()).isEqualTo(DirectoryRoutesTest.OK);
        server.changeShield = c -> new ChangeShieldUseCase.Result.Unauthorized();
        assertRefusal(server.post(SET, body), 65533, "token is unknown or expired");
        server.changeShield = c -> new ChangeShieldUseCase.Result.NotYours("sourceId 7 is not the signed-in user");
        assertRefusal(server.post(CANCEL, body), 65533, "sourceId 7 is not the signed-in user");
        server.changeShield = c -> new ChangeShieldUseCase.Result.NotFound("application a9 is not an application of your tenant");
        assertRefusal(server.post(SET, body), 65531, "application a9 is not an application of your tenant");
        server.changeShield = c -> new ChangeShieldUseCase.Result.Unsupported("type 0 is not supported");
        assertRefusal(server.post(SET, body), 65534, "type 0 is not supported");
    }

    @Test
    void is_user_shield_app_answers_is_shield() {
        var response = server.post(IS, "{" + USER_BASE + ",\"sourceId\":\"42\",\"targetId\":\"a9\"}");

        assertThat(response.json().toString()).isEqualTo("{\"baseResponse\":{\"ret\":0,\"errMsg\":\"\"},\"isShield\":true}");
        assertThat(server.onlyCall(CheckShieldUseCase.Query.class))
                .isEqualTo(new CheckShieldUseCase.Query(new Secret("user-tok"), "42", new AppId("a9")));

        server.checkShield = q -> new CheckShieldUseCase.Result.Checked(false);
        assertThat(server.post(IS, "{" + USER_BASE + ",\"targetId\":\"a9\"}").json().get("isShield").asBoolean()).isFalse();
        server.checkShield = q -> new CheckShieldUseCase.Result.Unauthorized();
        assertRefusal(server.post(IS, "{" + USER_BASE + ",\"targetId\":\"a9\"}"), 65533, "token is unknown or expired");
        server.checkShield = q -> new CheckShieldUseCase.Result.NotYours("no");
        assertRefusal(server.post(IS, "{" + USER_BASE + ",\"targetId\":\"a9\"}"), 65533, "no");
        server.checkShield = q -> new CheckShieldUseCase.Result.NotFound("gone");
        assertRefusal(server.post(IS, "{" + USER_BASE + ",\"targetId\":\"a9\"}"), 65531, "gone");
    }

    static Stream<Arguments> malformedShields() {
        return Stream.of(
                Arguments.of("set without token", SET, "{\"baseRequest\":{},\"targetId\":\"a9\",\"type\":1}"),
                Arguments.of("set without targetId", SET, "{" + USER_BASE + ",\"type\":1}"),
                Arguments.of("set with a malformed targetId", SET, "{" + USER_BASE + ",\"targetId\":\"a 9\",\"type\":1}"),
                Arguments.of("set without type", SET, "{" + USER_BASE + ",\"targetId\":\"a9\"}"),
                Arguments.of("set with type a string that is not digits", SET, "{" + USER_BASE + ",\"targetId\":\"a9\",\"type\":\"x1\"}"),
                Arguments.of("set with a memo too long", SET, "{" + USER_BASE + ",\"targetId\":\"a9\",\"type\":1,"
                        + "\"memo\":\"" + "m".repeat(256) + "\"}"),
                Arguments.of("set with a malformed sourceId", SET, "{" + USER_BASE + ",\"sourceId\":\"a b\","
                        + "\"targetId\":\"a9\",\"type\":1}"),
                Arguments.of("cancel with targetId a number", CANCEL, "{" + USER_BASE + ",\"targetId\":9,\"type\":1}"),
                Arguments.of("is without targetId", IS, "{" + USER_BASE + "}"),
                Arguments.of("is with sourceId a number", IS, "{" + USER_BASE + ",\"sourceId\":42,\"targetId\":\"a9\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedShields")
    void a_malformed_shield_request_is_65534_and_no_use_case_is_called(String name, String path, String body) {
        var response = server.post(path, body);

        assertThat(response.ret()).isEqualTo(65534);
        assertThat(server.calls).isEmpty();
    }
}

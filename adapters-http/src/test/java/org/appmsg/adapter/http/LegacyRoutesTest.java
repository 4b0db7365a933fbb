package org.appmsg.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.appmsg.application.port.in.FetchMailboxUseCase;
import org.appmsg.application.port.in.GetSessionsUseCase;
import org.appmsg.application.port.in.LoginUseCase;
import org.appmsg.application.port.in.SendMessageUseCase;
import org.appmsg.application.port.in.SetSessionStateUseCase;
import org.appmsg.application.port.in.SyncUserUseCase;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.appmsg.domain.message.Lifetime;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.net.SourceAddress;
import org.appmsg.domain.net.TrustedProxies;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Success and refusal mapping of the legacy routes: commands built from the body, results to ret codes. */
class LegacyRoutesTest extends RoutesTest {

    private static final String PUSH = "/app/client/device/push";
    private static final String BASE = "\"baseRequest\":{\"uid\":\"42\",\"deviceID\":\"Android-1\",\"deviceType\":\"Android\",\"token\":\"tok\"}";
    private static final String MSG = "\"msg\":{\"fromUserName\":\"42@user\",\"toUserName\":\"43@user\",\"content\":\"hi\",\"msgType\":1}";
    private static final String LOGIN = "{\"baseRequest\":{\"uid\":\"\",\"deviceID\":\"Android-1\",\"deviceType\":\"Android\",\"token\":\"\"},"
            + "\"userName\":\"alice\",\"password\":\"s3cret\"}";
    private static final String SYNC = "{\"baseRequest\":{\"token\":\"app-tok\"},\"orgId\":\"o1\",\"member\":{\"uid\":\"7\","
            + "\"name\":\"bob\",\"nickName\":\"Bob\",\"status\":1,\"password\":\"pw\",\"tenantId\":\"t1\",\"email\":\"b@x\"}}";

    @BeforeEach
    void reset() {
        server.send = c -> new SendMessageUseCase.Result.Accepted(new MessageId(99), 7, c.clientMsgId());
    }

    @Test
    void sync_user_builds_the_command_and_answers_ret_0() {
        var response = server.post("/app/client/app/syncUser", SYNC);

        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.json().toString()).isEqualTo("{\"baseResponse\":{\"ret\":0,\"errMsg\":\"\"}}");
        var command = server.onlyCall(SyncUserUseCase.Command.class);
        assertThat(command.appToken().value()).isEqualTo("app-tok");
        assertThat(command.id().value()).isEqualTo("7");
        assertThat(command.tenantId()).isEqualTo("t1");
        assertThat(command.orgId()).isEqualTo("o1");
        assertThat(command.password()).isEqualTo("pw");
        assertThat(command.profile().name()).isEqualTo("bob");
        assertThat(command.profile().nickname()).isEqualTo("Bob");
        assertThat(command.profile().status()).isEqualTo("1");
        assertThat(command.profile().mobile()).isEmpty();
    }

    @Test
    void sync_user_maps_every_result() {
        server.syncUser = c -> new SyncUserUseCase.Result.Updated(c.id());
        assertThat(server.post("/app/client/app/syncUser", SYNC).ret()).isZero();

        server.syncUser = c -> new SyncUserUseCase.Result.Unauthorized();
        assertThat(server.post("/app/client/app/syncUser", SYNC).ret()).isEqualTo(65533);

        server.syncUser = c -> new SyncUserUseCase.Result.OutOfScope("tenant t9 is not yours");
        var outOfScope = server.post("/app/client/app/syncUser", SYNC);
        assertThat(outOfScope.ret()).isEqualTo(65533);
        assertThat(outOfScope.errMsg()).isEqualTo("tenant t9 is not yours");

        server.syncUser = c -> new SyncUserUseCase.Result.Invalid("name bob is taken");
        var invalid = server.post("/app/client/app/syncUser", SYNC);
        assertThat(invalid.ret()).isEqualTo(65534);
        assertThat(invalid.errMsg()).isEqualTo("name bob is taken");
    }

    @Test
    void login_answers_the_legacy_member_without_a_password() {
        var response = server.post("/app/client/device/login", LOGIN);

        var json = response.json();
        assertThat(json.get("baseResponse").get("ret").asInt()).isZero();
        assertThat(json.get("uid").asText()).isEqualTo("42");
        assertThat(json.get("token").asText()).isEqualTo("tok-alice");
        var member = json.get("member");
        assertThat(member.get("userName").asText()).isEqualTo("42@user");
        assertThat(member.get("name").asText()).isEqualTo("alice");
        assertThat(member.get("nickName").asText()).isEqualTo("Alice");
        assertThat(member.get("memberList").isNull()).isTrue();
        assertThat(member.get("tenantId").asText()).isEqualTo("t1");
        List<String> fields = new ArrayList<>();
        member.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("uid", "userName", "name", "nickName", "headImgUrl", "memberCount",
                "memberList", "pYInitial", "pYQuanPin", "status", "starFriend", "avatar", "sort", "tenantId", "email",
                "mobile", "tel", "area", "description", "orgName");
        assertThat(response.body()).doesNotContain("password").doesNotContain("secret");
        var command = server.onlyCall(LoginUseCase.Command.class);
        assertThat(command.userName()).isEqualTo("alice");
        assertThat(command.password()).isEqualTo("s3cret");
        assertThat(command.deviceType()).isEqualTo("Android");
        assertThat(command.deviceId()).isEqualTo("Android-1");
    }

    @Test
    void login_comes_from_the_connections_address_and_a_forwarded_for_header_is_ignored_without_a_proxy() {
        server.postFrom("203.0.113.7", "/app/client/device/login", "{\"userName\":\"alice\",\"password\":\"pw\"}");

        assertThat(server.onlyCall(LoginUseCase.Command.class).source()).isEqualTo(new SourceAddress("127.0.0.1"));
    }

    @Test
    void behind_a_trusted_proxy_login_comes_from_the_client_it_names() {
        try (var proxied = new TestServer(Duration.ofSeconds(5), new HttpAdapter.ClientLimits(
                TrustedProxies.parse("127.0.0.0/8"), 256, Duration.ofSeconds(10)))) {
            proxied.postFrom("198.51.100.1, 203.0.113.7", "/app/client/device/login",
                    "{\"userName\":\"alice\",\"password\":\"pw\"}");

            assertThat(proxied.onlyCall(LoginUseCase.Command.class).source()).isEqualTo(new SourceAddress("203.0.113.7"));
        }
    }

    @Test
    void a_throttled_login_is_65536_saying_how_long_to_wait() {
        server.login = c -> new LoginUseCase.Result.Throttled(8);
        try {
            var response = server.post("/app/client/device/login", "{\"userName\":\"alice\",\"password\":\"pw\"}");
            assertThat(response.ret()).isEqualTo(65536);
            assertThat(response.errMsg()).isEqualTo("too many failed logins; retry in 8 s");
        } finally {
            server.login = c -> new LoginUseCase.Result.LoggedIn(TestServer.alice(),
                    new org.appmsg.domain.auth.Secret("tok-alice"));
        }
    }

    @Test
    void login_rejection_is_65539_auth_failed() {
        server.login = c -> new LoginUseCase.Result.Rejected();
        try {
            var response = server.post("/app/client/device/login", "{\"userName\":\"alice\",\"password\":\"wrong\"}");
            assertThat(response.ret()).isEqualTo(65539);
            assertThat(response.errMsg()).isEqualTo("auth failed");
            assertThat(server.onlyCall(LoginUseCase.Command.class).deviceId()).isEmpty();
        } finally {
            server.login = c -> new LoginUseCase.Result.LoggedIn(TestServer.alice(),
                    new org.appmsg.domain.auth.Secret("tok-alice"));
        }
    }

    @Test
    void push_accepted_echoes_a_numeric_client_msg_id() {
        String body = "{" + BASE + ",\"sessions\":[\"all\"],\"msg\":{\"fromUserName\":\"42@user\",\"toUserName\":\"43@user\","
                + "\"content\":\"hi\",\"msgType\":7,\"clientMsgId\":42,\"expire\":60,\"objectContent\":{ \"a\" : [1, 2] }}}";

        var json = server.post(PUSH, body).json();

        assertThat(json.toString()).isEqualTo(
                "{\"baseResponse\":{\"ret\":0,\"errMsg\":\"\"},\"msgID\":\"99\",\"clientMsgId\":42,\"mid\":7}");
        var command = server.onlyCall(SendMessageUseCase.Command.class);
        assertThat(command.token().value()).isEqualTo("tok");
        assertThat(command.deviceId()).isEqualTo("Android-1");
        assertThat(command.from()).isEqualTo(Name.parse("42@user"));
        assertThat(command.to()).isEqualTo(Name.parse("43@user"));
        assertThat(command.msgType()).isEqualTo(7);
        assertThat(command.content()).isEqualTo("hi");
        assertThat(command.clientMsgId()).isEqualTo("42");
        assertThat(command.objectContent()).isEqualTo("{\"a\":[1,2]}");
        assertThat(command.lifetime()).isEqualTo(Lifetime.ofExpireSeconds(60));
    }

    @Test
    void push_echoes_a_string_client_msg_id_and_omits_an_absent_one() {
        var withString = server.post(PUSH, "{" + BASE + ",\"msg\":{\"fromUserName\":\"42@user\",\"toUserName\":\"43@user\","
                + "\"content\":\"hi\",\"msgType\":1,\"clientMsgId\":\"abc\"}}").json();
        assertThat(withString.get("clientMsgId").asText()).isEqualTo("abc");
        assertThat(server.onlyCall(SendMessageUseCase.Command.class).clientMsgId()).isEqualTo("\"abc\"");

        server.calls.clear();
        var without = server.post(PUSH, "{" + BASE + "," + MSG + "}").json();
        assertThat(without.has("clientMsgId")).isFalse();
        var command = server.onlyCall(SendMessageUseCase.Command.class);
        assertThat(command.clientMsgId()).isEmpty();
        assertThat(command.objectContent()).isEmpty();
        assertThat(command.lifetime()).isEqualTo(Lifetime.serverDefault());
    }

    @Test
    void push_expire_0_is_live_only_and_an_out_of_range_expire_is_refused() {
        String zero = "{" + BASE + ",\"msg\":{\"fromUserName\":\"42@user\",\"toUserName\":\"43@user\","
                + "\"content\":\"hi\",\"msgType\":1,\"expire\":0}}";
        server.post(PUSH, zero);
        assertThat(server.onlyCall(SendMessageUseCase.Command.class).lifetime()).isEqualTo(new Lifetime.LiveOnly());

        server.calls.clear();
        server.post(PUSH, zero.replace("\"expire\":0", "\"expire\":0,\"apns\":true"));
        assertThat(server.onlyCall(SendMessageUseCase.Command.class).lifetime()).isEqualTo(new Lifetime.LiveOnly(true));

        server.calls.clear();
        var notBoolean = server.post(PUSH, zero.replace("\"expire\":0", "\"expire\":0,\"apns\":1")).json();
        assertThat(notBoolean.get("baseResponse").get("ret").asInt()).isEqualTo(65534);
        assertThat(notBoolean.get("baseResponse").get("errMsg").asText()).contains("msg.apns");
        assertThat(server.calls).isEmpty();

        server.calls.clear();
        String tooLong = zero.replace("\"expire\":0", "\"expire\":" + (366L * 24 * 3600));
        var refused = server.post(PUSH, tooLong).json();
        assertThat(refused.get("baseResponse").get("ret").asInt()).isNotZero();
        assertThat(refused.get("baseResponse").get("errMsg").asText()).contains("expire");
        assertThat(server.calls).isEmpty();
    }

    @Test
    void push_maps_every_refusal() {
        String body = "{" + BASE + "," + MSG + "}";
        server.send = c -> new SendMessageUseCase.Result.Unauthorized();
        assertThat(server.post(PUSH, body).ret()).isEqualTo(65533);

        server.send = c -> new SendMessageUseCase.Result.SenderMismatch(c.from());
        var mismatch = server.post(PUSH, body);
        assertThat(mismatch.ret()).isEqualTo(65533);
        assertThat(mismatch.errMsg()).isEqualTo("fromUserName 42@user is not the signed-in user");

        server.send = c -> new SendMessageUseCase.Result.RecipientUnknown(c.to());
        var unknown = server.post(PUSH, body);
        assertThat(unknown.ret()).isEqualTo(65531);
        assertThat(unknown.errMsg()).contains("43@user");

        server.send = c -> new SendMessageUseCase.Result.Unsupported("@app targets are not routed yet");
        var unsupported = server.post(PUSH, body);
        assertThat(unsupported.ret()).isEqualTo(65534);
        assertThat(unsupported.errMsg()).isEqualTo("@app targets are not routed yet");

        server.send = c -> new SendMessageUseCase.Result.NotPermitted(c.to(), "needs the broadcast permission");
        var notPermitted = server.post(PUSH, body);
        assertThat(notPermitted.ret()).isEqualTo(65533);
        assertThat(notPermitted.errMsg()).isEqualTo("needs the broadcast permission");

        server.send = c -> new SendMessageUseCase.Result.TooMany("t1@tenant reaches more than 100000 users");
        var tooMany = server.post(PUSH, body);
        assertThat(tooMany.ret()).isEqualTo(65532);
        assertThat(tooMany.errMsg()).contains("more than 100000");
    }

    @Test
    void storage_failure_is_503_and_any_other_failure_500_both_ret_65535() {
        String body = "{" + BASE + "," + MSG + "}";
        server.send = c -> {
            throw new StorageUnavailableException("db down", null);
        };
        var unavailable = server.post(PUSH, body);
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.ret()).isEqualTo(65535);
        assertThat(unavailable.errMsg()).isEqualTo("storage unavailable, retry");

        server.send = c -> {
            throw new IllegalStateException("bug");
        };
        var broken = server.post(PUSH, body);
        assertThat(broken.status()).isEqualTo(500);
        assertThat(broken.ret()).isEqualTo(65535);
        assertThat(broken.errMsg()).doesNotContain("bug");
    }

    @Test
    void handlers_run_on_virtual_threads() {
        var virtual = new java.util.concurrent.atomic.AtomicBoolean();
        server.send = c -> {
            virtual.set(Thread.currentThread().isVirtual());
            return new SendMessageUseCase.Result.Accepted(new MessageId(1), 1, "");
        };

        server.post(PUSH, "{" + BASE + "," + MSG + "}");

        assertThat(virtual).isTrue();
    }

    @Test
    void an_oversized_chunked_body_is_refused_without_a_length_header() {
        // an InputStream publisher has no known length, so the client sends it chunked
        var body = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[2 << 20]));

        var response = server.send(HttpRequest.newBuilder(server.api(PUSH)).POST(body));

        assertThat(response.ret()).isEqualTo(65534);
        assertThat(response.errMsg()).isEqualTo("request body is larger than 1048576 bytes");
        assertThat(server.calls).isEmpty();
    }

    @Test
    void msg_get_returns_stored_envelopes_in_order() {
        server.fetch = q -> new FetchMailboxUseCase.Result.Page(List.of(
                new MailboxEntry(Name.parse("42@user"), 7, new MessageId(70), "{\"content\":\"one\"}"),
                new MailboxEntry(Name.parse("42@user"), 9, new MessageId(90), "{\"content\":\"two\"}")), true);

        var response = server.get("/1/msg/get?k=42_Android-1@user&m=6&limit=2&token=tok");

        assertThat(response.body()).isEqualTo("{\"ret\":0,\"data\":{\"msgs\":[{\"msg\":{\"content\":\"one\"},\"mid\":7,"
                + "\"gid\":0},{\"msg\":{\"content\":\"two\"},\"mid\":9,\"gid\":0}],\"more\":true}}");
        var query = server.onlyCall(FetchMailboxUseCase.Query.class);
        assertThat(query.token().value()).isEqualTo("tok");
        assertThat(query.key().toString()).isEqualTo("42_Android-1@user");
        assertThat(query.afterMid()).isEqualTo(6);
        assertThat(query.limit()).isEqualTo(2);
    }

    @Test
    void msg_get_with_nothing_new_is_just_ret_0_and_uses_the_defaults() {
        server.fetch = q -> new FetchMailboxUseCase.Result.Page(List.of(), false);

        assertThat(server.get("/1/msg/get?k=42@user&token=tok").body()).isEqualTo("{\"ret\":0}");
        var query = server.onlyCall(FetchMailboxUseCase.Query.class);
        assertThat(query.afterMid()).isZero();
        assertThat(query.limit()).isEqualTo(100);
    }

    @Test
    void msg_get_unauthorized_is_65533() {
        server.fetch = q -> new FetchMailboxUseCase.Result.Unauthorized();

        var response = server.get("/1/msg/get?k=42@user&token=someone-else");

        assertThat(response.ret()).isEqualTo(65533);
        assertThat(response.errMsg()).isNotEmpty();
    }

    @Test
    void jsonp_wraps_the_answer_in_the_callback() {
        var response = server.get("/1/time/get?cb=jQuery_123.cb");

        assertThat(response.contentType()).startsWith("application/javascript");
        assertThat(response.body()).isEqualTo("jQuery_123.cb({\"ret\":0,\"data\":{\"timeid\":1714557600123456}})");

        var refusal = server.get("/1/server/get?k=42@user&p=9&cb=handle");
        assertThat(refusal.body()).startsWith("handle({\"ret\":65534,\"errMsg\":").endsWith("})");
    }

    @Test
    void time_get_answers_unix_micros_from_the_clock() {
        assertThat(server.get("/1/time/get").body()).isEqualTo("{\"ret\":0,\"data\":{\"timeid\":1714557600123456}}");
    }

    @Test
    void server_get_advertises_the_websocket_port_on_the_host_the_client_used() {
        var ws = server.get("/1/server/get?k=42_Android-1@user&p=1").json();
        assertThat(ws.toString()).isEqualTo("{\"ret\":0,\"data\":{\"server\":\"127.0.0.1:6968\"}}");

        var tcp = server.get("/1/server/get?k=42@user&p=2").json();
        assertThat(tcp.toString()).isEqualTo("{\"ret\":1001,\"errMsg\":\"no TCP listener on this node\"}");
    }

    @Test
    void session_states_and_listings_map_every_result() throws Exception {
        var ok = server.post("/app/client/device/setSessionState",
                "{\"baseRequest\":{\"token\":\"tok\"},\"sessionId\":\"42_iOS-1\",\"state\":\"active\"}");
        assertThat(ok.ret()).isZero();
        assertThat(server.onlyCall(SetSessionStateUseCase.Command.class).caller()).isEqualTo(SetSessionStateUseCase.Caller.USER);

        server.calls.clear();
        server.setSessionState = c -> new SetSessionStateUseCase.Result.NotLive(c.session());
        var gone = server.post("/app/client/app/setSessionState",
                "{\"baseRequest\":{\"token\":\"app\"},\"sessionId\":\"42_iOS-1\",\"state\":\"inactive\"}");
        assertThat(gone.ret()).isEqualTo(65531);
        assertThat(gone.errMsg()).contains("42_iOS-1");
        assertThat(server.onlyCall(SetSessionStateUseCase.Command.class).caller())
                .isEqualTo(SetSessionStateUseCase.Caller.APPLICATION);

        server.setSessionState = c -> new SetSessionStateUseCase.Result.Forbidden("belongs to another user");
        assertThat(server.post("/app/client/device/setSessionState",
                "{\"baseRequest\":{\"token\":\"tok\"},\"sessionId\":\"43_iOS-1\",\"state\":\"active\"}").ret())
                .isEqualTo(65533);

        var listed = server.post("/app/client/app/getSessions", "{\"baseRequest\":{\"token\":\"app\",\"uid\":\"42\"}}");
        assertThat(listed.ret()).isZero();
        assertThat(listed.json().get("memberCount").asInt()).isEqualTo(1);
        var session = listed.json().get("memberList").get(0);
        assertThat(session.get("id").asText()).isEqualTo("42_iOS-abc");
        assertThat(session.get("type").asText()).isEqualTo("iOS");
        assertThat(session.get("userId").asText()).isEqualTo("42");
        assertThat(session.get("sate").asText()).isEqualTo("active");

        server.getSessions = q -> new GetSessionsUseCase.Result.NotFound("user 42 does not exist");
        var unknown = server.post("/app/client/app/getSessions", "{\"baseRequest\":{\"token\":\"app\",\"uid\":\"42\"}}");
        assertThat(unknown.ret()).isEqualTo(65531);
        assertThat(unknown.json().get("baseResponse").get("errMsg").asText()).isEqualTo("user 42 does not exist");
    }
}

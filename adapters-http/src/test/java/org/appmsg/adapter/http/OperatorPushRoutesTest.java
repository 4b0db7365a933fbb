package org.appmsg.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.appmsg.application.port.in.ClearMailboxUseCase;
import org.appmsg.application.port.in.PushAsOperatorUseCase;
import org.appmsg.domain.message.Lifetime;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Kind;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.Test;

/** The legacy admin push family's commands, built from the legacy requests, and its key check. */
class OperatorPushRoutesTest extends RoutesTest {

    private static final String BEARER = "Bearer " + TestServer.ADMIN_KEY;

    @Test
    void a_session_key_names_the_users_mailbox_and_that_session_and_the_body_is_compacted() {
        var answer = server.admin("POST", "/1/admin/push/private?key=42_iOS-ab12@user&expire=0", BEARER,
                "{ \"content\" : \"hi\", \"n\" : [1, 2] }");

        assertThat(answer.body()).isEqualTo("{\"ret\":0}");
        var command = server.onlyCall(PushAsOperatorUseCase.Command.class);
        assertThat(command.targets()).containsExactly(new PushAsOperatorUseCase.Target(Name.of(new UserId("42")),
                Optional.of(new SessionId(new UserId("42"), "iOS-ab12"))));
        assertThat(command.json()).isEqualTo("{\"content\":\"hi\",\"n\":[1,2]}");
        assertThat(command.lifetime()).isEqualTo(new Lifetime.LiveOnly());
    }

    @Test
    void multi_private_reads_the_keys_in_order_and_m_as_a_string_or_an_object() {
        server.admin("POST", "/1/admin/push/mprivate?expire=60", BEARER,
                "{\"m\":{\"content\":\"x\"},\"k\":\"7@app,42@user\"}");

        var command = server.onlyCall(PushAsOperatorUseCase.Command.class);
        assertThat(command.targets()).extracting(PushAsOperatorUseCase.Target::mailbox)
                .containsExactly(new Name("7", Kind.APP), Name.of(new UserId("42")));
        assertThat(command.json()).isEqualTo("{\"content\":\"x\"}");
        assertThat(command.lifetime()).isEqualTo(Lifetime.ofExpireSeconds(60));
    }

    @Test
    void delete_reads_the_key_from_the_form_body() {
        var answer = server.admin("POST", "/admin/msg/clean", BEARER, "other=1&key=7%40app");

        assertThat(answer.body()).isEqualTo("{\"ret\":0}");
        assertThat(server.onlyCall(ClearMailboxUseCase.Command.class).mailbox()).isEqualTo(new Name("7", Kind.APP));
    }

    @Test
    void without_the_admin_key_nothing_runs_and_other_methods_are_not_allowed() {
        for (String path : List.of("/1/admin/push/private?key=42@user&expire=60", "/admin/push?key=42@user&expire=60",
                "/1/admin/push/mprivate?expire=60", "/1/admin/msg/del", "/admin/msg/clean")) {
            var answer = server.admin("POST", path, null, "{}");
            assertThat(answer.status()).as(path).isEqualTo(401);
            assertThat(answer.body()).as(path)
                    .isEqualTo("{\"ret\":65533,\"errMsg\":\"admin key required: Authorization: Bearer <key>\"}");
            assertThat(server.admin("GET", path, BEARER, null).status()).as(path).isEqualTo(405);
        }
        assertThat(server.calls).isEmpty();
    }

    @Test
    void unknown_keys_are_named() {
        server.operatorPush = c -> new PushAsOperatorUseCase.Result.Pushed(new MessageId(1),
                List.of(), c.targets());
        try {
            assertThat(server.admin("POST", "/1/admin/push/private?key=9@app&expire=60", BEARER, "{}").body())
                    .isEqualTo("{\"ret\":65531,\"errMsg\":\"key: application 9 does not exist\"}");
            assertThat(server.admin("POST", "/1/admin/push/mprivate?expire=60", BEARER,
                    "{\"m\":\"{}\",\"k\":\"9@app,8_Android-1@user\"}").body())
                    .isEqualTo("{\"ret\":0,\"data\":{\"fk\":[\"9@app\",\"8_Android-1@user\"]}}");
        } finally {
            server.operatorPush = c -> new PushAsOperatorUseCase.Result.Pushed(
                    new MessageId(5), List.of(), List.of());
        }
    }
}

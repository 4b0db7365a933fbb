package org.appmsg.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.appmsg.application.port.in.AddQunMembersUseCase;
import org.appmsg.application.port.in.CreateQunUseCase;
import org.appmsg.application.port.in.GetQunMembersUseCase;
import org.appmsg.application.port.in.QunResult;
import org.appmsg.application.port.in.RemoveQunMembersUseCase;
import org.appmsg.application.port.in.RenameQunUseCase;
import org.appmsg.application.port.in.SetQunInviteUseCase;
import org.appmsg.application.port.in.SetQunMemberRoleUseCase;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.qun.Member;
import org.appmsg.domain.qun.Qun;
import org.appmsg.domain.qun.QunId;
import org.appmsg.domain.qun.Refusal;
import org.appmsg.domain.qun.Role;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The group routes: commands built from the body, exact answers, every result to its ret code, bad input. */
class QunRoutesTest extends RoutesTest {

    private static final String CREATE = "/app/client/device/create-qun";
    private static final String MEMBERS = "/app/client/device/getQunMembers";
    private static final String RENAME = "/app/client/device/updateQunTopic";
    private static final String ADD = "/app/client/device/addQunMember";
    private static final String DEL = "/app/client/device/delQunMember";
    private static final String SET_ROLE = "/app/client/device/setQunMemberRole";
    private static final String SET_INVITE = "/app/client/device/setQunInvite";
    private static final String BASE = "\"baseRequest\":{\"uid\":\"42\",\"deviceType\":\"Android\",\"token\":\"tok\"}";
    private static final Secret TOKEN = new Secret("tok");
    private static final QunId Q1 = new QunId("q1");
    private static final String QUNINFO = "\"quninfo\":{\"id\":\"q1\",\"creatorId\":\"42\",\"creatorUserName\":\"42@user\","
            + "\"name\":\"Team\",\"description\":\"\",\"maxMember\":500,\"avatar\":\"\",\"tenantId\":\"t1\","
            + "\"created\":\"2024-05-01T10:00:00.123Z\",\"updated\":\"2024-05-01T10:01:00.123Z\","
            + "\"ownerOnlyInvite\":false}";
    private static final String MEMBER_LIST = "\"memberList\":[" + alice(0) + "]";

    /** Alice's legacy member object with her group role (0 owner, 1 admin, 2 member) added at the end. */
    private static String alice(int role) {
        String member = DirectoryRoutesTest.alice(0, 0);
        return member.substring(0, member.length() - 1) + ",\"role\":" + role + "}";
    }

    private static String body(String fields) {
        return "{" + BASE + "," + fields + "}";
    }

    private static final String CREATE_BODY = body("\"topic\":\"Team\",\"memberList\":[{\"uid\":\"43\",\"nickName\":\"Bob\"},"
            + "{\"uid\":\"44\"}],\"memberCount\":2");
    private static final String MEMBERS_BODY = body("\"userName\":\"q1@qun\"");
    private static final String RENAME_BODY = body("\"ChatRoomName\":\"q1@qun\",\"topic\":\"Crew\"");
    private static final String ADD_BODY = body("\"ChatRoomName\":\"q1@qun\",\"memberList\":[{\"uid\":\"45\",\"nickName\":\"Cid\"}]");
    private static final String DEL_BODY = body("\"ChatRoomName\":\"q1@qun\",\"memberList\":[{\"uid\":\"42\",\"nickName\":\"Alice\"}]");
    private static final String SET_ROLE_BODY = body("\"ChatRoomName\":\"q1@qun\",\"userName\":\"43@user\",\"role\":\"admin\"");
    private static final String SET_INVITE_BODY = body("\"ChatRoomName\":\"q1@qun\",\"ownerOnlyInvite\":true");

    @Test
    void create_qun_builds_the_command_and_answers_the_group() {
        var response = server.post(CREATE, CREATE_BODY);

        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.json().toString()).isEqualTo(DirectoryRoutesTest.ok(
                "\"ChatRoomName\":\"q1@qun\",\"topic\":\"Team\",\"memberCount\":2," + MEMBER_LIST));
        assertThat(server.onlyCall(CreateQunUseCase.Command.class)).isEqualTo(
                new CreateQunUseCase.Command(TOKEN, "Team", List.of(new UserId("43"), new UserId("44"))));
    }

    @Test
    void create_qun_without_member_count_reports_the_members() {
        var response = server.post(CREATE, body("\"topic\":\"Team\",\"memberList\":[]"));

        assertThat(response.json().get("memberCount").asInt()).isEqualTo(1);
        assertThat(server.onlyCall(CreateQunUseCase.Command.class).members()).isEmpty();
    }

    @Test
    void get_qun_members_answers_members_count_and_info() {
        var response = server.post(MEMBERS, MEMBERS_BODY);

        assertThat(response.json().toString()).isEqualTo(DirectoryRoutesTest.ok(MEMBER_LIST + ",\"memberCount\":1," + QUNINFO));
        assertThat(server.onlyCall(GetQunMembersUseCase.Query.class)).isEqualTo(new GetQunMembersUseCase.Query(TOKEN, Q1));
    }

    @Test
    void update_qun_topic_answers_the_legacy_message() {
        var response = server.post(RENAME, RENAME_BODY);

        assertThat(response.json().toString())
                .isEqualTo("{\"baseResponse\":{\"ret\":0,\"errMsg\":\"update Qun Topic success\"}}");
        assertThat(server.onlyCall(RenameQunUseCase.Command.class)).isEqualTo(new RenameQunUseCase.Command(TOKEN, Q1, "Crew"));
    }

    @Test
    void add_and_del_qun_member_answer_info_and_members() {
        String expected = DirectoryRoutesTest.ok(QUNINFO + "," + MEMBER_LIST + ",\"memberCount\":1");
        assertThat(server.post(ADD, ADD_BODY).json().toString()).isEqualTo(expected);
        assertThat(server.onlyCall(AddQunMembersUseCase.Command.class))
                .isEqualTo(new AddQunMembersUseCase.Command(TOKEN, Q1, List.of(new UserId("45"))));
        server.calls.clear();

        assertThat(server.post(DEL, DEL_BODY).json().toString()).isEqualTo(expected);
        assertThat(server.onlyCall(RemoveQunMembersUseCase.Command.class))
                .isEqualTo(new RemoveQunMembersUseCase.Command(TOKEN, Q1, List.of(new UserId("42"))));
    }

    @Test
    void create_qun_passes_owner_only_invite_when_given() {
        server.post(CREATE, body("\"topic\":\"Team\",\"memberList\":[],\"ownerOnlyInvite\":true"));

        assertThat(server.onlyCall(CreateQunUseCase.Command.class))
                .isEqualTo(new CreateQunUseCase.Command(TOKEN, "Team", List.of(), true));
    }

    @Test
    void set_qun_member_role_builds_the_command_from_each_role_word_and_answers_like_add() {
        String expected = DirectoryRoutesTest.ok(QUNINFO + "," + MEMBER_LIST + ",\"memberCount\":1");
        for (Role role : Role.values()) {
            String word = role.name().toLowerCase(java.util.Locale.ROOT);
            assertThat(server.post(SET_ROLE, SET_ROLE_BODY.replace("\"admin\"", "\"" + word + "\"")).json().toString())
                    .isEqualTo(expected);
            assertThat(server.onlyCall(SetQunMemberRoleUseCase.Command.class))
                    .isEqualTo(new SetQunMemberRoleUseCase.Command(TOKEN, Q1, new UserId("43"), role));
            server.calls.clear();
        }
    }

    @Test
    void set_qun_invite_builds_the_command_and_answers_like_add() {
        assertThat(server.post(SET_INVITE, SET_INVITE_BODY).json().toString())
                .isEqualTo(DirectoryRoutesTest.ok(QUNINFO + "," + MEMBER_LIST + ",\"memberCount\":1"));
        assertThat(server.onlyCall(SetQunInviteUseCase.Command.class))
                .isEqualTo(new SetQunInviteUseCase.Command(TOKEN, Q1, true));
        server.calls.clear();

        server.post(SET_INVITE, SET_INVITE_BODY.replace("true", "false"));
        assertThat(server.onlyCall(SetQunInviteUseCase.Command.class).ownerOnlyInvite()).isFalse();
    }

    @Test
    void the_answer_shows_each_members_role_the_owner_and_the_invite_setting() {
        server.setQunMemberRole = c -> TestServer.teamDone(new Qun(Q1, new TenantId("t1"), "Team", 500, true, List.of(
                new Member(new UserId("42"), "Alice", Role.ADMIN, 0), new Member(new UserId("43"), "Bob", Role.OWNER, 1))));

        assertThat(server.post(SET_ROLE, SET_ROLE_BODY).json().toString()).isEqualTo(DirectoryRoutesTest.ok(
                QUNINFO.replace("\"creatorId\":\"42\",\"creatorUserName\":\"42@user\"",
                        "\"creatorId\":\"43\",\"creatorUserName\":\"43@user\"")
                        .replace("\"ownerOnlyInvite\":false", "\"ownerOnlyInvite\":true")
                        + ",\"memberList\":[" + alice(1) + "],\"memberCount\":1"));
    }

    @Test
    void a_dissolved_group_has_no_creator_and_no_members() {
        server.removeQunMembers = c -> TestServer.teamDone(new Qun(Q1, new TenantId("t1"), "Team", 500, false, List.of()));

        assertThat(server.post(DEL, DEL_BODY).json().toString()).isEqualTo(DirectoryRoutesTest.ok(
                QUNINFO.replace("\"creatorId\":\"42\",\"creatorUserName\":\"42@user\"", "\"creatorId\":\"\",\"creatorUserName\":\"\"")
                        + ",\"memberList\":[],\"memberCount\":0"));
    }

    @Test
    void a_push_to_a_group_by_a_non_member_is_65538() {
        server.send = c -> new org.appmsg.application.port.in.SendMessageUseCase.Result.NotMember(c.to());

        var response = server.post("/app/client/device/push", "{" + BASE + ",\"msg\":{\"fromUserName\":\"42@user\","
                + "\"toUserName\":\"q1@qun\",\"content\":\"hi\",\"msgType\":1}}");

        assertRefusal(response, 65538, "only members may send to q1@qun");
    }

    static Stream<Arguments> routes() {
        return Stream.of(
                Arguments.of(CREATE, CREATE_BODY),
                Arguments.of(MEMBERS, MEMBERS_BODY),
                Arguments.of(RENAME, RENAME_BODY),
                Arguments.of(ADD, ADD_BODY),
                Arguments.of(DEL, DEL_BODY),
                Arguments.of(SET_ROLE, SET_ROLE_BODY),
                Arguments.of(SET_INVITE, SET_INVITE_BODY));
    }

    private static void answerAll(QunResult result) {
        answerAll(c -> result);
    }

    private static void answerAll(Function<Object, QunResult> answer) {
        server.createQun = answer::apply;
        server.getQunMembers = answer::apply;
        server.renameQun = answer::apply;
        server.addQunMembers = answer::apply;
        server.removeQunMembers = answer::apply;
        server.setQunMemberRole = answer::apply;
        server.setQunInvite = answer::apply;
    }

    @ParameterizedTest
    @MethodSource("routes")
    void every_refusal_maps_to_its_code(String path, String body) {
        answerAll(new QunResult.Unauthorized());
        assertRefusal(server.post(path, body), 65533, "token is unknown or expired");
        answerAll(new QunResult.NotFound("group q1@qun does not exist"));
        assertRefusal(server.post(path, body), 65531, "group q1@qun does not exist");
        answerAll(new QunResult.Refused(Refusal.NOT_MEMBER, "not a member"));
        assertRefusal(server.post(path, body), 65538, "not a member");
        answerAll(new QunResult.Refused(Refusal.NOT_ALLOWED, "only the owner or an admin"));
        assertRefusal(server.post(path, body), 65533, "only the owner or an admin");
        for (Refusal r : List.of(Refusal.FULL, Refusal.OTHER_TENANT, Refusal.UNKNOWN_MEMBER)) {
            answerAll(new QunResult.Refused(r, "no: " + r));
            assertRefusal(server.post(path, body), 65534, "no: " + r);
        }
        answerAll(c -> {
            throw new StorageUnavailableException("down", null);
        });
        var down = server.post(path, body);
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.ret()).isEqualTo(65535);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of(CREATE, "{\"topic\":\"Team\",\"memberList\":[]}", "baseRequest is required"),
                Arguments.of(CREATE, body("\"memberList\":[]"), "topic is required"),
                Arguments.of(CREATE, body("\"topic\":\"  \",\"memberList\":[]"), "topic must not be empty"),
                Arguments.of(CREATE, body("\"topic\":\"" + "x".repeat(65) + "\",\"memberList\":[]"),
                        "topic is longer than 64 characters"),
                Arguments.of(CREATE, body("\"topic\":7,\"memberList\":[]"), "topic must be a string"),
                Arguments.of(CREATE, body("\"topic\":\"Team\""), "memberList is required"),
                Arguments.of(CREATE, body("\"topic\":\"Team\",\"memberList\":{\"uid\":\"43\"}"),
                        "memberList must be an array of objects"),
                Arguments.of(CREATE, body("\"topic\":\"Team\",\"memberList\":[\"43\"]"), "memberList[0] must be an object"),
                Arguments.of(CREATE, body("\"topic\":\"Team\",\"memberList\":[{\"uid\":\"43\"},{\"nickName\":\"x\"}]"),
                        "memberList[1].uid is required"),
                Arguments.of(CREATE, body("\"topic\":\"Team\",\"memberList\":[],\"memberCount\":\"two\""),
                        "memberCount must be a number"),
                Arguments.of(CREATE, body("\"topic\":\"Team\",\"memberList\":[],\"memberCount\":-1"),
                        "memberCount must be 0 or more"),
                Arguments.of(MEMBERS, body("\"userName\":\"42@user\""), "userName must name a group like \"123@qun\""),
                Arguments.of(MEMBERS, body("\"ChatRoomName\":\"q1@qun\""), "userName is required"),
                Arguments.of(MEMBERS, "{\"baseRequest\":{\"uid\":\"42\"},\"userName\":\"q1@qun\"}",
                        "baseRequest.token is required"),
                Arguments.of(RENAME, body("\"ChatRoomName\":\"q1\",\"topic\":\"Crew\""), null),
                Arguments.of(RENAME, body("\"ChatRoomName\":\"q1@qun\""), "topic is required"),
                Arguments.of(RENAME, body("\"ChatRoomName\":\"q1@qun\",\"topic\":\"\""), "topic must not be empty"),
                Arguments.of(ADD, body("\"ChatRoomName\":\"q1@qun\",\"memberList\":[]"),
                        "memberList must name at least one user"),
                Arguments.of(ADD, body("\"memberList\":[{\"uid\":\"45\"}]"), "ChatRoomName is required"),
                Arguments.of(DEL, body("\"ChatRoomName\":\"q1@qun\",\"memberList\":[]"),
                        "memberList must name at least one user"),
                Arguments.of(DEL, body("\"ChatRoomName\":\"q1@qun\",\"memberList\":[{\"uid\":45}]"),
                        "memberList[0].uid must be a string"),
                Arguments.of(DEL, "not json", null),
                Arguments.of(ADD, "[1]", "request body must be a JSON object"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformed_requests_get_65534_and_reach_no_use_case(String path, String body, String errMsg) {
        var response = server.post(path, body);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.ret()).isEqualTo(65534);
        if (errMsg != null) {
            assertThat(response.errMsg()).isEqualTo(errMsg);
        }
        assertThat(server.calls).isEmpty();
    }
}

package org.appmsg.adapter.http;

import static org.appmsg.adapter.http.DirectoryRoutesTest.alice;
import static org.appmsg.adapter.http.DirectoryRoutesTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.appmsg.application.port.in.ChangeContactUseCase;
import org.appmsg.application.port.in.DeleteTokenUseCase;
import org.appmsg.application.port.in.GetMemberUseCase;
import org.appmsg.application.port.in.GetOrgInfoUseCase;
import org.appmsg.application.port.in.ListApplicationsUseCase;
import org.appmsg.application.port.in.SearchDirectoryUseCase;
import org.appmsg.application.port.in.SearchDirectoryUseCase.Target;
import org.appmsg.application.port.in.ValidateTokenUseCase;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.org.Org;
import org.appmsg.domain.org.OrgTree;
import org.appmsg.domain.shared.OrgId;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.tenant.Tenant;
import org.junit.jupiter.api.Test;

/** The user-token address book and token routes: queries built from the body, every result to its ret code. */
class AddressBookRoutesTest extends RoutesTest {

    private static final String USER_UNAUTHORIZED = "token is unknown or expired";
    private static final Secret TOKEN = new Secret("tok");
    private static final String BASE = "\"baseRequest\":{\"uid\":\"42\",\"deviceID\":\"iOS-1\",\"token\":\"tok\"}";
    private static final String ORG_INFO = "/app/client/device/getOrgInfo";
    private static final String MEMBER = "/app/client/device/getMember";
    private static final String SEARCH = "/app/client/device/search";
    private static final String CONTACT = "/app/client/device/addOrRemoveContact";
    private static final String VALIDATE = "/app/client/device/validateToken";
    private static final String DELETE = "/app/client/device/delToken";
    private static final String APPS = "/app/client/device/getApplicationList";
    private static final String CRM = "{\"uid\":\"a1\",\"userName\":\"a1@app\",\"name\":\"CRM\",\"nickName\":\"CRM\","
            + "\"status\":\"1\",\"sort\":0,\"avatar\":\"\",\"tenantId\":\"t1\",\"pYInitial\":\"\",\"pYQuanPin\":\"\","
            + "\"description\":\"\"}";

    // getOrgInfo

    @Test
    void org_info_answers_the_tenant_tree_the_users_org_and_its_starred_contacts() {
        var response = server.post(ORG_INFO, "{" + BASE + "}");

        assertThat(response.json().toString()).isEqualTo(ok(
                "\"ognizationMemberList\":{\"uid\":\"t1\",\"userName\":\"t1@tenant\",\"nickName\":\"Head office\","
                + "\"memberCount\":1,\"memberList\":["
                + "{\"uid\":\"o1\",\"userName\":\"o1@org\",\"nickName\":\"Sales\",\"sort\":1,\"memberCount\":1,\"memberList\":["
                + "{\"uid\":\"o2\",\"userName\":\"o2@org\",\"nickName\":\"Sales North\",\"sort\":5,\"memberCount\":0,"
                + "\"memberList\":[]}]}]},"
                + "\"userOgnization\":\"o2\",\"starMemberCount\":1,\"starMemberList\":[" + alice(0, 1) + "]"));
        assertThat(response.body()).doesNotContain("password");
        assertThat(server.onlyCall(GetOrgInfoUseCase.Query.class)).isEqualTo(new GetOrgInfoUseCase.Query(TOKEN));
    }

    @Test
    void org_info_without_orgs_leaves_out_the_users_org() {
        server.getOrgInfo = q -> new GetOrgInfoUseCase.Result.Info(TestServer.tenant(), List.of(), Optional.empty(), List.of());

        var response = server.post(ORG_INFO, "{" + BASE + "}");

        assertThat(response.json().toString()).isEqualTo(ok(
                "\"ognizationMemberList\":{\"uid\":\"t1\",\"userName\":\"t1@tenant\",\"nickName\":\"Head office\","
                + "\"memberCount\":0,\"memberList\":[]},\"starMemberCount\":0,\"starMemberList\":[]"));
    }

    @Test
    void the_tree_written_for_one_caller_is_reused_only_while_tree_and_tenant_are_the_same() {
        var t1 = TestServer.tenant();
        List<OrgTree.Node> roots = List.of(new OrgTree.Node(new Org(new OrgId("o1"), t1.id(), Optional.empty(), "Sales", "", 1), List.of()));
        var answer = new java.util.concurrent.atomic.AtomicReference<GetOrgInfoUseCase.Result>(
                new GetOrgInfoUseCase.Result.Info(t1, roots, Optional.empty(), List.of()));
        server.getOrgInfo = q -> answer.get();
        String first = server.post(ORG_INFO, "{" + BASE + "}").json().get("ognizationMemberList").toString();
        assertThat(server.post(ORG_INFO, "{" + BASE + "}").json().get("ognizationMemberList").toString()).isEqualTo(first);

        var renamed = new Tenant(t1.id(), t1.code(), "Renamed office", t1.customer());
        answer.set(new GetOrgInfoUseCase.Result.Info(renamed, roots, Optional.empty(), List.of()));
        assertThat(server.post(ORG_INFO, "{" + BASE + "}").json().get("ognizationMemberList").get("nickName").asText())
                .isEqualTo("Renamed office");

        List<OrgTree.Node> moved = List.of(new OrgTree.Node(new Org(new OrgId("o9"), t1.id(), Optional.empty(), "New", "", 0), List.of()));
        answer.set(new GetOrgInfoUseCase.Result.Info(renamed, moved, Optional.empty(), List.of()));
        assertThat(server.post(ORG_INFO, "{" + BASE + "}").json().get("ognizationMemberList").get("memberList").get(0)
                .get("uid").asText()).isEqualTo("o9");
    }

    @Test
    void org_info_unauthorized_is_65533() {
        server.getOrgInfo = q -> new GetOrgInfoUseCase.Result.Unauthorized();

        assertRefusal(server.post(ORG_INFO, "{" + BASE + "}"), 65533, USER_UNAUTHORIZED);
    }

    // getMember

    @Test
    void get_member_answers_the_member_without_a_password() {
        var response = server.post(MEMBER, "{" + BASE + ",\"userName\":\"42@user\"}");

        assertThat(response.json().toString()).isEqualTo(ok("\"member\":" + alice(0, 0)));
        assertThat(response.body()).doesNotContain("password").doesNotContain("$hash");
        assertThat(server.onlyCall(GetMemberUseCase.Query.class)).isEqualTo(new GetMemberUseCase.Query(TOKEN, new UserId("42")));
    }

    @Test
    void get_member_marks_a_starred_contact() {
        server.getMember = q -> new GetMemberUseCase.Result.Found(TestServer.alice(), true);

        var response = server.post(MEMBER, "{" + BASE + ",\"userName\":\"42@user\"}");

        assertThat(response.json().toString()).isEqualTo(ok("\"member\":" + alice(0, 1)));
    }

    @Test
    void get_member_maps_every_refusal() {
        String body = "{" + BASE + ",\"userName\":\"43@user\"}";
        server.getMember = q -> new GetMemberUseCase.Result.Unauthorized();
        assertRefusal(server.post(MEMBER, body), 65533, USER_UNAUTHORIZED);

        server.getMember = q -> new GetMemberUseCase.Result.NotFound("user 43 does not exist");
        assertRefusal(server.post(MEMBER, body), 65531, "user 43 does not exist");
    }

    // search

    @Test
    void search_uses_the_defaults_and_answers_a_page_of_users() {
        server.searchDirectory = q -> new SearchDirectoryUseCase.Result.Users(List.of(TestServer.alice()), 57);

        var response = server.post(SEARCH, "{" + BASE + ",\"searchKey\":\"ali\"}");

        assertThat(response.json().toString()).isEqualTo(ok(
                "\"memberListSize\":1,\"memberList\":[" + alice(0, 0) + "],\"count\":57"));
        assertThat(server.onlyCall(SearchDirectoryUseCase.Query.class))
                .isEqualTo(new SearchDirectoryUseCase.Query(TOKEN, Target.USER, "ali", 0, 20));
    }

    @Test
    void search_for_applications_pages_as_asked() {
        server.searchDirectory = q -> new SearchDirectoryUseCase.Result.Applications(List.of(TestServer.crm()), 41);

        var response = server.post(SEARCH,
                "{" + BASE + ",\"searchKey\":\"\",\"searchType\":\"app\",\"offset\":40,\"limit\":200}");

        assertThat(response.json().toString()).isEqualTo(ok("\"memberListSize\":1,\"memberList\":[" + CRM + "],\"count\":41"));
        assertThat(server.onlyCall(SearchDirectoryUseCase.Query.class))
                .isEqualTo(new SearchDirectoryUseCase.Query(TOKEN, Target.APP, "", 40, 200));
    }

    @Test
    void search_type_user_is_explicit_too() {
        server.post(SEARCH, "{" + BASE + ",\"searchKey\":\"a\",\"searchType\":\"user\",\"limit\":1}");

        assertThat(server.onlyCall(SearchDirectoryUseCase.Query.class))
                .isEqualTo(new SearchDirectoryUseCase.Query(TOKEN, Target.USER, "a", 0, 1));
    }

    @Test
    void search_unauthorized_is_65533() {
        server.searchDirectory = q -> new SearchDirectoryUseCase.Result.Unauthorized();

        assertRefusal(server.post(SEARCH, "{" + BASE + ",\"searchKey\":\"a\"}"), 65533, USER_UNAUTHORIZED);
    }

    // addOrRemoveContact

    @Test
    void star_friend_1_adds_the_contact() {
        var response = server.post(CONTACT, "{" + BASE + ",\"uid\":\"43\",\"starFriend\":1}");

        assertThat(response.json().toString()).isEqualTo(ok("\"changed\":true"));
        assertThat(server.onlyCall(ChangeContactUseCase.Command.class))
                .isEqualTo(new ChangeContactUseCase.Command(TOKEN, new UserId("43"), true));
    }

    @Test
    void star_friend_0_removes_the_contact() {
        server.changeContact = c -> new ChangeContactUseCase.Result.Done(false);

        var response = server.post(CONTACT, "{" + BASE + ",\"uid\":\"43\",\"starFriend\":0}");

        assertThat(response.json().toString()).isEqualTo(ok("\"changed\":false"));
        assertThat(server.onlyCall(ChangeContactUseCase.Command.class))
                .isEqualTo(new ChangeContactUseCase.Command(TOKEN, new UserId("43"), false));
    }

    @Test
    void contact_changes_map_every_refusal() {
        String body = "{" + BASE + ",\"uid\":\"43\",\"starFriend\":1}";
        server.changeContact = c -> new ChangeContactUseCase.Result.Unauthorized();
        assertRefusal(server.post(CONTACT, body), 65533, USER_UNAUTHORIZED);

        server.changeContact = c -> new ChangeContactUseCase.Result.OutOfScope("you cannot star yourself");
        assertRefusal(server.post(CONTACT, body), 65533, "you cannot star yourself");

        server.changeContact = c -> new ChangeContactUseCase.Result.NotFound("user 43 does not exist");
        assertRefusal(server.post(CONTACT, body), 65531, "user 43 does not exist");
    }

    // validateToken

    @Test
    void validate_token_needs_no_base_request_and_answers_uid_and_expiry() {
        var response = server.post(VALIDATE, "{\"validToken\":\"tok-x\"}");

        assertThat(response.json().toString()).isEqualTo(ok("\"uid\":\"42\",\"expires\":\"2024-05-01T10:00:00.123456Z\""));
        assertThat(server.onlyCall(ValidateTokenUseCase.Query.class))
                .isEqualTo(new ValidateTokenUseCase.Query(new Secret("tok-x")));
    }

    @Test
    void an_invalid_token_is_65533_not_the_legacy_1001() {
        server.validateToken = q -> new ValidateTokenUseCase.Result.Invalid();

        assertRefusal(server.post(VALIDATE, "{" + BASE + ",\"validToken\":\"tok-x\"}"), 65533, "token is invalid or expired");
    }

    // delToken

    @Test
    void del_token_revokes_one_of_the_callers_tokens() {
        var response = server.post(DELETE, "{" + BASE + ",\"delToken\":\"old-tok\"}");

        assertThat(response.json().toString()).isEqualTo(ok("\"deleted\":true"));
        assertThat(server.onlyCall(DeleteTokenUseCase.Command.class))
                .isEqualTo(new DeleteTokenUseCase.Command(TOKEN, new Secret("old-tok")));
    }

    @Test
    void del_token_maps_every_result() {
        String body = "{" + BASE + ",\"delToken\":\"old-tok\"}";
        server.deleteToken = c -> new DeleteTokenUseCase.Result.Deleted(false);
        assertThat(server.post(DELETE, body).json().toString()).isEqualTo(ok("\"deleted\":false"));

        server.deleteToken = c -> new DeleteTokenUseCase.Result.Unauthorized();
        assertRefusal(server.post(DELETE, body), 65533, USER_UNAUTHORIZED);

        server.deleteToken = c -> new DeleteTokenUseCase.Result.NotYours();
        assertRefusal(server.post(DELETE, body), 65533, "delToken belongs to another user");
    }

    // getApplicationList

    @Test
    void application_list_answers_applications_as_members() {
        var response = server.post(APPS, "{" + BASE + "}");

        assertThat(response.json().toString()).isEqualTo(ok("\"memberCount\":1,\"memberList\":[" + CRM + "]"));
        assertThat(server.onlyCall(ListApplicationsUseCase.Query.class)).isEqualTo(new ListApplicationsUseCase.Query(TOKEN));
    }

    @Test
    void application_list_maps_every_result() {
        server.listApplications = q -> new ListApplicationsUseCase.Result.Applications(List.of());
        assertThat(server.post(APPS, "{" + BASE + "}").json().toString()).isEqualTo(ok("\"memberCount\":0,\"memberList\":[]"));

        server.listApplications = q -> new ListApplicationsUseCase.Result.Unauthorized();
        assertRefusal(server.post(APPS, "{" + BASE + "}"), 65533, USER_UNAUTHORIZED);
    }
}

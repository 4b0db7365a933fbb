package org.appmsg.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.appmsg.application.port.in.ChangeOrgMembershipUseCase;
import org.appmsg.application.port.in.ListOrgUsersUseCase;
import org.appmsg.application.port.in.ListUserOrgsUseCase;
import org.appmsg.application.port.in.SyncOrgUseCase;
import org.appmsg.application.port.in.SyncTenantUseCase;
import org.appmsg.application.port.in.VerifyUserTokenUseCase;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.OrgId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.Test;

/** The application-token directory routes: commands built from the body, every result to its ret code. */
class DirectoryRoutesTest extends RoutesTest {

    static final String OK = "{\"baseResponse\":{\"ret\":0,\"errMsg\":\"\"}}";
    static final String APP_UNAUTHORIZED = "application token is unknown or disabled";
    static final Secret APP_TOKEN = new Secret("app-tok");

    private static final String SYNC_TENANT = "/app/client/app/syncTenant";
    private static final String SYNC_ORG = "/app/client/app/syncOrg";
    private static final String ADD = "/app/client/app/addOrgUser";
    private static final String REMOVE = "/app/client/app/removeOrgUser";
    private static final String APP_ORG_USERS = "/app/client/app/getOrgUserList";
    private static final String DEVICE_ORG_USERS = "/app/client/device/getOrgUserList";
    private static final String ORG_LIST = "/app/client/app/getOrgList";
    private static final String USER_AUTH = "/app/client/app/user/auth";
    private static final String BASE = "\"baseRequest\":{\"token\":\"app-tok\"}";

    /** Alice as the legacy member object, in field order. */
    static String alice(int sort, int starFriend) {
        return "{\"uid\":\"42\",\"userName\":\"42@user\",\"name\":\"alice\",\"nickName\":\"Alice\",\"headImgUrl\":\"\","
                + "\"memberCount\":0,\"memberList\":null,\"pYInitial\":\"A\",\"pYQuanPin\":\"alice\",\"status\":\"1\","
                + "\"starFriend\":" + starFriend + ",\"avatar\":\"av.png\",\"sort\":" + sort + ",\"tenantId\":\"t1\","
                + "\"email\":\"alice@example.org\",\"mobile\":\"555-1\",\"tel\":\"\",\"area\":\"north\","
                + "\"description\":\"\",\"orgName\":\"\"}";
    }

    static String ok(String fields) {
        return "{\"baseResponse\":{\"ret\":0,\"errMsg\":\"\"}," + fields + "}";
    }

    // syncTenant

    @Test
    void sync_tenant_under_the_legacy_key_builds_the_command() {
        var response = server.post(SYNC_TENANT, "{" + BASE + ",\"tennat\":{\"id\":\"t2\",\"code\":\"north\","
                + "\"name\":\"North office\",\"customerId\":\"c1\",\"status\":3,\"extra\":true}}");

        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.json().toString()).isEqualTo(OK);
        assertThat(server.onlyCall(SyncTenantUseCase.Command.class)).isEqualTo(new SyncTenantUseCase.Command(
                APP_TOKEN, new TenantId("t2"), "north", "North office", new CustomerId("c1"), 3));
    }

    @Test
    void sync_tenant_accepts_the_correct_spelling_and_defaults_code_and_status() {
        var response = server.post(SYNC_TENANT, "{" + BASE + ",\"tenant\":{\"id\":\"t2\",\"name\":\"North\",\"customerId\":\"c1\"}}");

        assertThat(response.json().toString()).isEqualTo(OK);
        assertThat(server.onlyCall(SyncTenantUseCase.Command.class)).isEqualTo(new SyncTenantUseCase.Command(
                APP_TOKEN, new TenantId("t2"), "", "North", new CustomerId("c1"), 0));
    }

    @Test
    void sync_tenant_maps_every_result() {
        String body = "{" + BASE + ",\"tennat\":{\"id\":\"t2\",\"name\":\"North\",\"customerId\":\"c1\"}}";
        server.syncTenant = c -> new SyncTenantUseCase.Result.Updated(c.id());
        assertThat(server.post(SYNC_TENANT, body).json().toString()).isEqualTo(OK);

        server.syncTenant = c -> new SyncTenantUseCase.Result.Unauthorized();
        assertRefusal(server.post(SYNC_TENANT, body), 65533, APP_UNAUTHORIZED);

        server.syncTenant = c -> new SyncTenantUseCase.Result.OutOfScope("customer c1 is not yours");
        assertRefusal(server.post(SYNC_TENANT, body), 65533, "customer c1 is not yours");

        server.syncTenant = c -> new SyncTenantUseCase.Result.Invalid("tenant id \"t2\" is already used");
        assertRefusal(server.post(SYNC_TENANT, body), 65534, "tenant id \"t2\" is already used");
    }

    // syncOrg

    @Test
    void sync_org_builds_the_command() {
        var response = server.post(SYNC_ORG, "{" + BASE + ",\"org\":{\"id\":\"o2\",\"name\":\"Sales North\","
                + "\"shortName\":\"SN\",\"parentId\":\"o1\",\"tenantId\":\"t1\",\"sort\":4,\"location\":\"x\"}}");

        assertThat(response.json().toString()).isEqualTo(OK);
        assertThat(server.onlyCall(SyncOrgUseCase.Command.class)).isEqualTo(new SyncOrgUseCase.Command(APP_TOKEN,
                new OrgId("o2"), "t1", Optional.of(new OrgId("o1")), "Sales North", "SN", 4));
    }

    @Test
    void sync_org_without_parent_or_tenant_is_a_root_of_the_applications_tenant() {
        for (String extra : List.of("", ",\"parentId\":\"\",\"tenantId\":\"\"", ",\"parentId\":null,\"tenantId\":null")) {
            server.calls.clear();
            var response = server.post(SYNC_ORG, "{" + BASE + ",\"org\":{\"id\":\"o1\",\"name\":\"Sales\"" + extra + "}}");

            assertThat(response.json().toString()).as(extra).isEqualTo(OK);
            assertThat(server.onlyCall(SyncOrgUseCase.Command.class)).as(extra).isEqualTo(new SyncOrgUseCase.Command(
                    APP_TOKEN, new OrgId("o1"), "", Optional.empty(), "Sales", "", 0));
        }
    }

    @Test
    void sync_org_maps_every_result() {
        String body = "{" + BASE + ",\"org\":{\"id\":\"o2\",\"name\":\"N\",\"parentId\":\"o9\"}}";
        server.syncOrg = c -> new SyncOrgUseCase.Result.Updated(c.id());
        assertThat(server.post(SYNC_ORG, body).json().toString()).isEqualTo(OK);

        server.syncOrg = c -> new SyncOrgUseCase.Result.Unauthorized();
        assertRefusal(server.post(SYNC_ORG, body), 65533, APP_UNAUTHORIZED);

        server.syncOrg = c -> new SyncOrgUseCase.Result.OutOfScope("tenant t9 is not yours");
        assertRefusal(server.post(SYNC_ORG, body), 65533, "tenant t9 is not yours");

        server.syncOrg = c -> new SyncOrgUseCase.Result.Invalid("parent o9 does not exist");
        assertRefusal(server.post(SYNC_ORG, body), 65534, "parent o9 does not exist");
    }

    // addOrgUser / removeOrgUser

    @Test
    void add_org_user_builds_the_command_and_answers_successed_and_changed() {
        var response = server.post(ADD, "{" + BASE + ",\"orgid\":\"o1\",\"uid\":\"42\",\"sort\":7}");

        assertThat(response.json().toString()).isEqualTo(ok("\"successed\":true,\"changed\":true"));
        assertThat(server.onlyCall(ChangeOrgMembershipUseCase.Command.class)).isEqualTo(
                new ChangeOrgMembershipUseCase.Command(APP_TOKEN, new OrgId("o1"), new UserId("42"), true, 7));
    }

    @Test
    void add_org_user_defaults_sort_to_0_and_reports_an_unchanged_link() {
        server.changeOrgMembership = c -> new ChangeOrgMembershipUseCase.Result.Done(false);
        var response = server.post(ADD, "{" + BASE + ",\"orgid\":\"o1\",\"uid\":\"42\"}");

        assertThat(response.json().toString()).isEqualTo(ok("\"successed\":true,\"changed\":false"));
        assertThat(server.onlyCall(ChangeOrgMembershipUseCase.Command.class).sort()).isZero();
    }

    @Test
    void remove_org_user_builds_a_removal_and_ignores_a_sort() {
        var response = server.post(REMOVE, "{" + BASE + ",\"orgid\":\"o1\",\"uid\":\"42\",\"sort\":\"ignored\"}");

        assertThat(response.json().toString()).isEqualTo(ok("\"successed\":true,\"changed\":true"));
        assertThat(server.onlyCall(ChangeOrgMembershipUseCase.Command.class)).isEqualTo(
                new ChangeOrgMembershipUseCase.Command(APP_TOKEN, new OrgId("o1"), new UserId("42"), false, 0));
    }

    @Test
    void membership_changes_map_every_refusal_on_both_routes() {
        for (String path : List.of(ADD, REMOVE)) {
            String body = "{" + BASE + ",\"orgid\":\"o1\",\"uid\":\"42\"}";
            server.changeOrgMembership = c -> new ChangeOrgMembershipUseCase.Result.Unauthorized();
            assertRefusal(server.post(path, body), 65533, APP_UNAUTHORIZED);

            server.changeOrgMembership = c -> new ChangeOrgMembershipUseCase.Result.OutOfScope("user 42 is not in the tenant of org o1");
            assertRefusal(server.post(path, body), 65533, "user 42 is not in the tenant of org o1");

            server.changeOrgMembership = c -> new ChangeOrgMembershipUseCase.Result.NotFound("org o1 does not exist");
            assertRefusal(server.post(path, body), 65531, "org o1 does not exist");
        }
    }

    // getOrgUserList

    @Test
    void org_user_list_for_an_application_lists_members_with_their_sort() {
        var response = server.post(APP_ORG_USERS, "{" + BASE + ",\"orgid\":\"o1\"}");

        assertThat(response.json().toString()).isEqualTo(ok("\"memberCount\":1,\"memberList\":[" + alice(3, 0) + "]"));
        assertThat(response.body()).doesNotContain("password").doesNotContain("$hash");
        assertThat(server.onlyCall(ListOrgUsersUseCase.Query.class)).isEqualTo(new ListOrgUsersUseCase.Query(
                new ListOrgUsersUseCase.Caller.Application(APP_TOKEN), new OrgId("o1")));
    }

    @Test
    void org_user_list_for_a_user_passes_the_user_token() {
        server.listOrgUsers = q -> new ListOrgUsersUseCase.Result.Members(List.of());
        var response = server.post(DEVICE_ORG_USERS, "{\"baseRequest\":{\"token\":\"tok\"},\"orgid\":\"o1\"}");

        assertThat(response.json().toString()).isEqualTo(ok("\"memberCount\":0,\"memberList\":[]"));
        assertThat(server.onlyCall(ListOrgUsersUseCase.Query.class)).isEqualTo(new ListOrgUsersUseCase.Query(
                new ListOrgUsersUseCase.Caller.User(new Secret("tok")), new OrgId("o1")));
    }

    @Test
    void org_user_list_maps_every_refusal_with_the_callers_wording() {
        String body = "{" + BASE + ",\"orgid\":\"o1\"}";
        server.listOrgUsers = q -> new ListOrgUsersUseCase.Result.Unauthorized();
        assertRefusal(server.post(APP_ORG_USERS, body), 65533, APP_UNAUTHORIZED);
        assertRefusal(server.post(DEVICE_ORG_USERS, body), 65533, "token is unknown or expired");

        server.listOrgUsers = q -> new ListOrgUsersUseCase.Result.NotFound("org o1 does not exist");
        assertRefusal(server.post(APP_ORG_USERS, body), 65531, "org o1 does not exist");
        assertRefusal(server.post(DEVICE_ORG_USERS, body), 65531, "org o1 does not exist");
    }

    // getOrgList

    @Test
    void org_list_lists_the_users_orgs_without_location() {
        var response = server.post(ORG_LIST, "{" + BASE + ",\"uid\":\"42\"}");

        assertThat(response.json().toString()).isEqualTo(ok("\"orgCount\":2,\"orgList\":["
                + "{\"id\":\"o1\",\"name\":\"Sales\",\"shortName\":\"S\",\"parentId\":\"\",\"tenantId\":\"t1\",\"sort\":1},"
                + "{\"id\":\"o2\",\"name\":\"Sales North\",\"shortName\":\"SN\",\"parentId\":\"o1\",\"tenantId\":\"t1\",\"sort\":5}]"));
        assertThat(server.onlyCall(ListUserOrgsUseCase.Query.class))
                .isEqualTo(new ListUserOrgsUseCase.Query(APP_TOKEN, new UserId("42")));
    }

    @Test
    void org_list_maps_every_refusal() {
        String body = "{" + BASE + ",\"uid\":\"42\"}";
        server.listUserOrgs = q -> new ListUserOrgsUseCase.Result.Unauthorized();
        assertRefusal(server.post(ORG_LIST, body), 65533, APP_UNAUTHORIZED);

        server.listUserOrgs = q -> new ListUserOrgsUseCase.Result.NotFound("user 42 does not exist");
        assertRefusal(server.post(ORG_LIST, body), 65531, "user 42 does not exist");
    }

    // user/auth

    @Test
    void user_auth_answers_the_uid_and_member() {
        var response = server.post(USER_AUTH, "{" + BASE + ",\"token\":\"user-tok\",\"uid\":\"42\"}");

        assertThat(response.json().toString()).isEqualTo(ok("\"uid\":\"42\",\"member\":" + alice(0, 0)));
        assertThat(response.body()).doesNotContain("password");
        assertThat(server.onlyCall(VerifyUserTokenUseCase.Query.class)).isEqualTo(
                new VerifyUserTokenUseCase.Query(APP_TOKEN, new Secret("user-tok"), new UserId("42")));
    }

    @Test
    void user_auth_maps_every_refusal() {
        String body = "{" + BASE + ",\"token\":\"user-tok\",\"uid\":\"42\"}";
        server.verifyUserToken = q -> new VerifyUserTokenUseCase.Result.Unauthorized();
        assertRefusal(server.post(USER_AUTH, body), 65533, APP_UNAUTHORIZED);

        server.verifyUserToken = q -> new VerifyUserTokenUseCase.Result.Rejected();
        assertRefusal(server.post(USER_AUTH, body), 65533, "auth failure");
    }

    @Test
    void storage_failure_on_a_directory_route_is_503_ret_65535() {
        server.syncOrg = c -> {
            throw new StorageUnavailableException("db down", null);
        };
        var response = server.post(SYNC_ORG, "{" + BASE + ",\"org\":{\"id\":\"o1\",\"name\":\"Sales\"}}");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.ret()).isEqualTo(65535);
    }
}

package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A caller of tenant t1 names objects of tenant t2 on every route that takes a name: each answer is the answer
 * for an object that does not exist, byte for byte (same ret, same errMsg with the id swapped), so no route tells
 * a caller what another tenant holds. Ids that must be unique server-wide (a synced user's uid, an org id, a
 * tenant id) answer "already used" and change nothing.
 */
class TenantIsolationIT extends ServerFixture {

    private static final String NOBODY = "nobody";
    private static final String NO_ORG = "no-such-org";
    private static final String NO_QUN = "Qnosuchgroup0000";
    private static final String NO_APP = "no-such-app";

    private DirectoryCalls directory;
    private String otherApp;
    private String alice;
    private String carol;
    private String foreignQun;
    private String ownQun;

    @Override
    String databaseUrl() {
        return "";
    }

    @BeforeAll
    void twoTenants() {
        directory = new DirectoryCalls(client);
        otherApp = provision("c2", "t2", "app2");
        assertThat(ret(directory.syncOrg(appToken, "t1-org", "", "", "T1 org", 0))).isZero();
        assertThat(ret(directory.syncOrg(otherApp, "t2-org", "", "", "T2 org", 0))).isZero();
        assertThat(ret(directory.syncUser(otherApp, "carol", "carol-login", "Carol", "", "t2-org"))).isZero();
        alice = login("alice-login", "alice-pw", "Android-a1");
        carol = login("carol-login", "pw-carol", "Android-c1");
        assertThat(client.adminPut("/admin/users/alice/permissions", ADMIN_KEY, "{\"broadcast\":true}").statusCode())
                .isEqualTo(200);
        foreignQun = createQun(carol).get("ChatRoomName").asText().replace("@qun", "");
        ownQun = createQun(alice).get("ChatRoomName").asText().replace("@qun", "");
    }

    private JsonNode createQun(String token, String... members) {
        ObjectNode body = withToken(token).put("topic", "Team");
        var list = body.putArray("memberList");
        for (String uid : members) {
            list.addObject().put("uid", uid);
        }
        JsonNode r = device("create-qun", body);
        if (members.length == 0) {
            assertThat(ret(r)).as(r.toString()).isZero();
        }
        return r;
    }

    private static ObjectNode withToken(String token) {
        ObjectNode body = Client.obj();
        body.putObject("baseRequest").put("token", token).put("deviceID", "Android-a1");
        return body;
    }

    private JsonNode device(String route, ObjectNode body) {
        return client.post("/app/client/device/" + route, body);
    }

    private JsonNode app(String route, ObjectNode body) {
        return client.post("/app/client/app/" + route, body);
    }

    /** The call with the foreign id and with an unknown one answer alike, and refuse. */
    private static void sameAsUnknown(String foreign, String unknown, Function<String, JsonNode> call) {
        JsonNode a = call.apply(foreign);
        JsonNode b = call.apply(unknown);
        assertThat(ret(a)).as(a + " vs " + b).isNotZero().isEqualTo(ret(b));
        String foreignText = errMsg(a);
        assertThat(foreignText).as(a.toString()).doesNotContain("another tenant");
        assertThat(foreignText.replace(foreign, "<id>")).as(a + " vs " + b).isEqualTo(errMsg(b).replace(unknown, "<id>"));
    }

    private static String errMsg(JsonNode response) {
        return response.get("baseResponse").get("errMsg").asText();
    }

    private ObjectNode push(String to) {
        ObjectNode body = withToken(alice);
        body.putObject("msg").put("fromUserName", "alice@user").put("toUserName", to).put("content", "hi")
                .put("msgType", 1);
        return body;
    }

    private ObjectNode members(ObjectNode body, String... uids) {
        var list = body.putArray("memberList");
        for (String uid : uids) {
            list.addObject().put("uid", uid);
        }
        return body;
    }

    @Test
    void a_user_hears_of_another_tenants_users_orgs_groups_and_applications_as_of_unknown_ones() {
        sameAsUnknown("carol", NOBODY, id -> directory.member(alice, id));
        sameAsUnknown("carol", NOBODY, id -> directory.contact(alice, id, true));
        sameAsUnknown("t2-org", NO_ORG, id -> directory.orgUsersByUser(alice, id));
        sameAsUnknown("carol", NOBODY, id -> device("push", push(id + "@user")));
        sameAsUnknown(foreignQun, NO_QUN, id -> device("push", push(id + "@qun")));
        sameAsUnknown("t2-org", NO_ORG, id -> device("push", push(id + "@org")));
        sameAsUnknown("carol", NOBODY, id -> createQun(alice, id));
        sameAsUnknown("carol", NOBODY, id -> device("addQunMember",
                members(withToken(alice).put("ChatRoomName", ownQun + "@qun"), id)));
        sameAsUnknown(foreignQun, NO_QUN, id -> device("getQunMembers", withToken(alice).put("userName", id + "@qun")));
        sameAsUnknown(foreignQun, NO_QUN, id -> device("updateQunTopic",
                withToken(alice).put("ChatRoomName", id + "@qun").put("topic", "Mine now")));
        sameAsUnknown(foreignQun, NO_QUN, id -> device("addQunMember",
                members(withToken(alice).put("ChatRoomName", id + "@qun"), "bob")));
        sameAsUnknown(foreignQun, NO_QUN, id -> device("delQunMember",
                members(withToken(alice).put("ChatRoomName", id + "@qun"), "carol")));
        sameAsUnknown(foreignQun, NO_QUN, id -> device("setQunMemberRole",
                withToken(alice).put("ChatRoomName", id + "@qun").put("userName", "carol@user").put("role", "admin")));
        sameAsUnknown(foreignQun, NO_QUN, id -> device("setQunInvite",
                withToken(alice).put("ChatRoomName", id + "@qun").put("ownerOnlyInvite", true)));
        sameAsUnknown("app2", NO_APP, id -> device("setShieldMsg", withToken(alice).put("targetId", id).put("type", 1)));
        sameAsUnknown("app2", NO_APP, id -> device("isUserShieldApp", withToken(alice).put("targetId", id)));
        sameAsUnknown("carol", NOBODY, id -> device("setSessionState",
                withToken(alice).put("sessionId", id + "_Android-c1").put("state", "active")));

        JsonNode group = device("getQunMembers", withToken(carol).put("userName", foreignQun + "@qun"));
        assertThat(group.get("quninfo").get("name").asText()).as("nothing changed").isEqualTo("Team");
        assertThat(group.get("memberList")).hasSize(1);
    }

    @Test
    void an_application_hears_of_another_tenants_objects_as_of_unknown_ones() {
        try (Socket carolPhone = subscribe("carol_Android-c1@user", carol, "")) {
            sameAsUnknown("carol", NOBODY, id -> app("setSessionState",
                    withToken(appToken).put("sessionId", id + "_Android-c1").put("state", "active")));
        }
        sameAsUnknown("carol", NOBODY, id -> directory.sessions(appToken, id));
        sameAsUnknown("t2-org", NO_ORG, id -> directory.syncUser(appToken, "zed", "zed-login", "Zed", "", id));
        sameAsUnknown("t2-org", NO_ORG, id -> directory.syncOrg(appToken, "t1-child", id, "", "Child", 0));
        sameAsUnknown("t2-org", NO_ORG, id -> directory.orgUser(appToken, true, id, "bob"));
        sameAsUnknown("t2-org", NO_ORG, id -> directory.orgUser(appToken, false, id, "bob"));
        sameAsUnknown("carol", NOBODY, id -> directory.orgUser(appToken, true, "t1-org", id));
        sameAsUnknown("t2-org", NO_ORG, id -> directory.orgUsersByApp(appToken, id));
        sameAsUnknown("carol", NOBODY, id -> directory.orgList(appToken, id));
        sameAsUnknown("t2", "no-such-tenant", id -> directory.syncTenant(appToken, id, "c1", "Renamed"));
        sameAsUnknown("carol", NOBODY, id -> appPush(id + "@user"));
        sameAsUnknown("t2-org", NO_ORG, id -> appPush(id + "@org"));
        sameAsUnknown("t2", "no-such-tenant", id -> appPush(id + "@tenant"));
        sameAsUnknown("app2", NO_APP, id -> appPush(id + "@app"));
        sameAsUnknown(foreignQun, NO_QUN, id -> appPush(id + "@qun"));

        assertThat(ret(directory.syncUser(appToken, "zed", "zed-login", "Zed", "", ""))).as("zed was never stored")
                .isZero();
        assertThat(fetch(carol, "carol@user", 0, 100).toString()).as("carol got nothing").doesNotContain("hello");
    }

    @Test
    void ids_unique_across_the_server_answer_already_used_and_change_nothing() {
        JsonNode user = directory.syncUser(appToken, "carol", "carol-renamed", "Mallory", "", "");
        assertThat(ret(user)).as(user.toString()).isEqualTo(65534);
        assertThat(errMsg(user)).isEqualTo("member.uid \"carol\" is already used");
        login("carol-login", "pw-carol", "Android-c2"); // her login name and password still hold
        assertThat(directory.member(carol, "carol").get("member").get("nickName").asText()).as("carol is untouched")
                .isEqualTo("Carol");

        JsonNode org = directory.syncOrg(appToken, "t2-org", "", "", "Taken", 0);
        assertThat(ret(org)).as(org.toString()).isEqualTo(65534);
        assertThat(errMsg(org)).isEqualTo("org.id \"t2-org\" is already used");
        assertThat(directory.orgUsersByUser(carol, "t2-org").get("memberCount").asInt()).as("still carol's").isEqualTo(1);

        String wide = customerWideApp();
        JsonNode tenant = directory.syncTenant(wide, "t2", "c1", "Taken");
        assertThat(ret(tenant)).as(tenant.toString()).isEqualTo(65534);
        assertThat(errMsg(tenant)).isEqualTo("tenant id \"t2\" is already used");
    }

    private String customerWideApp() {
        var created = client.adminPost("/admin/applications", ADMIN_KEY,
                Client.obj().put("id", "wide").put("name", "Wide").put("tenantId", "t1").put("scope", "customer"));
        assertThat(created.statusCode()).isEqualTo(200);
        return Client.parse(created.body()).get("token").asText();
    }

    private JsonNode appPush(String to) {
        ObjectNode body = withToken(appToken).put("msgType", 1).put("content", "hello");
        body.putArray("toUserNames").add(to);
        return app("user/push", body);
    }
}

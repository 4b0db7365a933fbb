package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The directory and its tenancy seal, end to end over HTTP (issue #3). Four tenants in two customers:
 * c1 = {t1, t2}, c2 = {t3, t4}; tenant {@code tN} has application {@code appN}, a root org {@code oN} with a
 * child {@code oNx}, and user {@code uN} in {@code oN}. t1 also has alice and bob (from the fixture) and the
 * customer-wide application {@code app1c}. Subclasses choose the database.
 */
abstract class DirectoryContract extends ServerFixture {

    static final int TENANTS = 4;

    DirectoryCalls dir;
    final String[] apps = new String[TENANTS + 1];
    final String[] users = new String[TENANTS + 1];
    String customerApp;
    String aliceToken;
    String bobToken;

    static String customerOf(int tenant) {
        return tenant <= 2 ? "c1" : "c2";
    }

    @BeforeAll
    void buildDirectory() {
        dir = new DirectoryCalls(client);
        apps[1] = appToken;
        for (int t = 2; t <= TENANTS; t++) {
            apps[t] = provision(customerOf(t), "t" + t, "app" + t);
        }
        customerApp = createApplication("app1c", "t1", "customer");
        for (int t = 1; t <= TENANTS; t++) {
            ok(dir.syncOrg(apps[t], "o" + t, "", "", "Org " + t, 0));
            ok(dir.syncOrg(apps[t], "o" + t + "x", "o" + t, "", "Child " + t, 1));
            ok(dir.syncUser(apps[t], "u" + t, "u" + t + "-login", "User" + t, "", "o" + t));
            users[t] = login("u" + t + "-login", "pw-u" + t, "Android-u" + t);
        }
        aliceToken = login("alice-login", "alice-pw", "Android-alice");
        bobToken = login("bob-login", "bob-pw", "Android-bob");
    }

    String createApplication(String id, String tenant, String scope) {
        var created = client.adminPost("/admin/applications", ADMIN_KEY,
                Client.obj().put("id", id).put("name", "App " + id).put("tenantId", tenant).put("scope", scope));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode body = Client.parse(created.body());
        assertThat(body.get("scope").asText()).isEqualTo(scope);
        return body.get("token").asText();
    }

    static JsonNode ok(JsonNode response) {
        assertThat(ret(response)).as(response.toString()).isZero();
        return response;
    }

    static void refused(int code, JsonNode response) {
        assertThat(ret(response)).as(response.toString()).isEqualTo(code);
        assertThat(response.get("baseResponse").get("errMsg").asText()).as(response.toString()).isNotBlank();
    }

    static List<String> ids(JsonNode list, String field) {
        return StreamSupport.stream(list.spliterator(), false).map(n -> n.get(field).asText()).toList();
    }

    // ---- the cross-tenant matrix -------------------------------------------------------------

    static Stream<Arguments> tenantPairs() {
        return IntStream.rangeClosed(1, TENANTS).boxed().flatMap(a -> IntStream.rangeClosed(1, TENANTS)
                .filter(v -> v != a).mapToObj(v -> Arguments.of(a, v)));
    }

    /** What the victim tenant's own application and user see of their data. */
    private Map<String, JsonNode> snapshot(int v) {
        Map<String, JsonNode> seen = new LinkedHashMap<>();
        seen.put("orgInfo", ok(dir.orgInfo(users[v])));
        seen.put("orgUsers", ok(dir.orgUsersByApp(apps[v], "o" + v)));
        seen.put("childUsers", ok(dir.orgUsersByApp(apps[v], "o" + v + "x")));
        seen.put("orgList", ok(dir.orgList(apps[v], "u" + v)));
        seen.put("member", ok(dir.member(users[v], "u" + v)));
        seen.put("search", ok(dir.search(users[v], "", "user", 0, 50)));
        seen.put("apps", ok(dir.applications(users[v])));
        return seen;
    }

    @ParameterizedTest(name = "tenant {0} against tenant {1}")
    @MethodSource("tenantPairs")
    void every_read_and_write_against_another_tenant_is_refused_and_changes_nothing(int a, int v) {
        Map<String, JsonNode> before = snapshot(v);
        String app = apps[a];
        String user = users[a];
        String x = "x" + a + v;
        // refused as the legacy server never did: 65533 where the caller may not act (another tenant, another
        // user's token); another tenant's org or user answers as an unknown one (65531, or 65534 where the sync
        // route answers an unknown org that way); a server-wide id held by another tenant is "already used"
        Map<String, Attack> attacks = new LinkedHashMap<>();
        attacks.put("syncTenant of the victim", new Attack(65533, () -> dir.syncTenant(app, "t" + v, customerOf(v), "Hacked")));
        attacks.put("syncOrg into the victim tenant", new Attack(65533, () -> dir.syncOrg(app, "org" + x, "", "t" + v, "Evil", 0)));
        attacks.put("syncOrg over a victim org", new Attack(65534, () -> dir.syncOrg(app, "o" + v, "", "", "Hacked", 0)));
        attacks.put("syncOrg under a victim org", new Attack(65534, () -> dir.syncOrg(app, "sub" + x, "o" + v, "", "Evil", 0)));
        attacks.put("syncUser into the victim tenant", new Attack(65533, () -> dir.syncUser(app, "new" + x, "new" + x, "Evil", "t" + v, "")));
        attacks.put("syncUser over a victim user", new Attack(65534, () -> dir.syncUser(app, "u" + v, "u" + v + "-login", "Hacked", "", "")));
        attacks.put("syncUser into a victim org", new Attack(65534, () -> dir.syncUser(app, "org" + x, "org" + x, "Evil", "", "o" + v)));
        attacks.put("addOrgUser victim to victim org", new Attack(65531, () -> dir.orgUser(app, true, "o" + v, "u" + v)));
        attacks.put("addOrgUser own user to victim org", new Attack(65531, () -> dir.orgUser(app, true, "o" + v, "u" + a)));
        attacks.put("addOrgUser victim to own org", new Attack(65531, () -> dir.orgUser(app, true, "o" + a, "u" + v)));
        attacks.put("removeOrgUser victim", new Attack(65531, () -> dir.orgUser(app, false, "o" + v, "u" + v)));
        attacks.put("app getOrgUserList", new Attack(65531, () -> dir.orgUsersByApp(app, "o" + v)));
        attacks.put("app getOrgList", new Attack(65531, () -> dir.orgList(app, "u" + v)));
        attacks.put("user/auth of a victim user", new Attack(65533, () -> dir.userAuth(app, users[v], "u" + v)));
        attacks.put("getSessions of a victim user", new Attack(65531, () -> dir.sessions(app, "u" + v)));
        attacks.put("device getOrgUserList", new Attack(65531, () -> dir.orgUsersByUser(user, "o" + v)));
        attacks.put("getMember", new Attack(65531, () -> dir.member(user, "u" + v)));
        attacks.put("addOrRemoveContact add", new Attack(65531, () -> dir.contact(user, "u" + v, true)));
        attacks.put("addOrRemoveContact remove", new Attack(65531, () -> dir.contact(user, "u" + v, false)));
        attacks.put("delToken of a victim", new Attack(65533, () -> dir.deleteToken(user, users[v])));
        attacks.forEach((what, attack) -> {
            JsonNode answer = attack.call().get();
            assertThat(ret(answer)).as(what + ": " + answer).isEqualTo(attack.code());
            assertThat(answer.toString()).as(what).doesNotContain("another tenant");
        });

        assertThat(ret(push(user, "Android-u" + a, "u" + a + "@user", "u" + v + "@user", "hello")))
                .as("push to another tenant's user").isEqualTo(65531);
        JsonNode search = ok(dir.search(user, "User" + v, "user", 0, 50));
        assertThat(search.get("count").asLong()).as("search finds no other tenant's user").isZero();
        assertThat(ids(ok(dir.applications(user)).get("memberList"), "uid")).doesNotContain("app" + v);
        assertThat(ok(dir.orgInfo(user)).toString()).doesNotContain("\"o" + v + "@org\"");
        ok(dir.validate(users[v]));
        assertThat(snapshot(v)).isEqualTo(before);
        refused(65531, dir.member(users[v], "new" + x));
    }

    /** A request against another tenant and the code it must be answered with. */
    private record Attack(int code, Supplier<JsonNode> call) {}

    // ---- application scope ------------------------------------------------------------------

    @Test
    void a_tenant_application_updates_its_own_tenant_but_creates_none() {
        ok(dir.syncTenant(apps[2], "t2", "c1", "Tenant two renamed"));
        assertThat(ok(dir.orgInfo(users[2])).get("ognizationMemberList").get("nickName").asText())
                .isEqualTo("Tenant two renamed");
        refused(65533, dir.syncTenant(apps[2], "t2new", "c1", "Sneaky"));
        refused(65533, dir.syncTenant(apps[2], "t2", "c2", "Moved to another customer"));
    }

    @Test
    void a_customer_wide_application_acts_in_its_customer_only() {
        ok(dir.syncTenant(customerApp, "t1b", "c1", "Branch"));
        ok(dir.syncTenant(customerApp, "t2", "c1", "Tenant 2"));
        ok(dir.syncOrg(customerApp, "o1b", "", "t1b", "Branch root", 0));
        ok(dir.syncUser(customerApp, "ub1", "ub1-login", "Branch user", "t1b", "o1b"));
        ok(dir.syncOrg(customerApp, "o2c", "o2", "t2", "Made by the customer app", 5));

        refused(65533, dir.syncTenant(customerApp, "t3", "c2", "Not yours"));
        refused(65533, dir.syncTenant(customerApp, "t9", "c2", "Not your customer"));
        refused(65533, dir.syncOrg(customerApp, "o3c", "", "t3", "Not yours", 0));
        refused(65533, dir.syncUser(customerApp, "u3c", "u3c-login", "Not yours", "t3", ""));
        String branch = login("ub1-login", "pw-ub1", "Android-ub1");
        assertThat(ok(dir.orgInfo(branch)).get("ognizationMemberList").get("memberList").get(0).get("uid").asText())
                .isEqualTo("o1b");
    }

    // ---- org tree ---------------------------------------------------------------------------

    @Test
    void moving_an_org_moves_its_whole_subtree_and_cycles_are_refused() {
        ok(dir.syncOrg(appToken, "m-r", "", "", "Root", 10));
        ok(dir.syncOrg(appToken, "m-a", "m-r", "", "A", 0));
        ok(dir.syncOrg(appToken, "m-b", "m-a", "", "B", 0));
        ok(dir.syncOrg(appToken, "m-c", "m-b", "", "C", 0));
        ok(dir.syncOrg(appToken, "m-r2", "", "", "Root 2", 11));

        ok(dir.syncOrg(appToken, "m-a", "m-r2", "", "A moved", 0));

        JsonNode roots = ok(dir.orgInfo(aliceToken)).get("ognizationMemberList").get("memberList");
        JsonNode r = find(roots, "m-r");
        JsonNode r2 = find(roots, "m-r2");
        assertThat(r.get("memberList")).isEmpty();
        JsonNode a = find(r2.get("memberList"), "m-a");
        assertThat(a.get("nickName").asText()).isEqualTo("A moved");
        assertThat(a.get("userName").asText()).isEqualTo("m-a@org");
        JsonNode c = find(find(a.get("memberList"), "m-b").get("memberList"), "m-c");
        assertThat(c.get("memberList")).isEmpty();

        JsonNode cycle = dir.syncOrg(appToken, "m-a", "m-c", "", "A", 0);
        refused(65534, cycle);
        assertThat(cycle.get("baseResponse").get("errMsg").asText()).contains("m-a");
        refused(65534, dir.syncOrg(appToken, "m-x", "no-such-org", "", "X", 0));
        assertThat(find(ok(dir.orgInfo(aliceToken)).get("ognizationMemberList").get("memberList"), "m-r2")
                .get("memberList").get(0).get("uid").asText()).isEqualTo("m-a");
    }

    @Test
    void get_org_info_orders_every_level_by_sort_and_names_the_users_org() {
        ok(dir.syncOrg(appToken, "s-root", "", "", "Sorted", 20));
        for (int i = 0; i < 5; i++) {
            ok(dir.syncOrg(appToken, "s-" + i, "s-root", "", "Child " + i, 4 - i));
        }
        ok(dir.syncUser(appToken, "sorter", "sorter-login", "Sorter", "", "s-3"));
        String token = login("sorter-login", "pw-sorter", "Android-sorter");

        JsonNode info = ok(dir.orgInfo(token));
        JsonNode tenant = info.get("ognizationMemberList");
        assertThat(tenant.get("uid").asText()).isEqualTo("t1");
        assertThat(tenant.get("userName").asText()).isEqualTo("t1@tenant");
        assertThat(tenant.get("memberCount").asInt()).isEqualTo(tenant.get("memberList").size());
        JsonNode root = find(tenant.get("memberList"), "s-root");
        assertThat(ids(root.get("memberList"), "uid")).containsExactly("s-4", "s-3", "s-2", "s-1", "s-0");
        assertThat(root.get("memberCount").asInt()).isEqualTo(5);
        assertThat(info.get("userOgnization").asText()).isEqualTo("s-3");
        assertThat(info.get("starMemberCount").asInt()).isZero();
    }

    private static JsonNode find(JsonNode list, String uid) {
        for (JsonNode n : list) {
            if (n.get("uid").asText().equals(uid)) {
                return n;
            }
        }
        throw new AssertionError(uid + " not in " + list);
    }

    // ---- user–org relations ----------------------------------------------------------------

    @Test
    void org_membership_is_added_listed_and_removed_idempotently() {
        ok(dir.syncOrg(appToken, "team", "", "", "Team", 0));
        JsonNode added = ok(dir.orgUser(appToken, true, "team", "alice"));
        assertThat(added.get("successed").asBoolean()).isTrue();
        assertThat(added.get("changed").asBoolean()).isTrue();
        assertThat(ok(dir.orgUser(appToken, true, "team", "alice")).get("changed").asBoolean()).isFalse();
        ok(dir.orgUser(appToken, true, "team", "bob"));

        JsonNode byApp = ok(dir.orgUsersByApp(appToken, "team"));
        assertThat(byApp.get("memberCount").asInt()).isEqualTo(2);
        assertThat(ids(byApp.get("memberList"), "uid")).containsExactly("alice", "bob");
        assertThat(byApp.toString()).doesNotContain("password");
        assertThat(ok(dir.orgUsersByUser(bobToken, "team")).get("memberList")).isEqualTo(byApp.get("memberList"));
        assertThat(ids(ok(dir.orgList(appToken, "alice")).get("orgList"), "id")).contains("team");

        assertThat(ok(dir.orgUser(appToken, false, "team", "alice")).get("changed").asBoolean()).isTrue();
        assertThat(ok(dir.orgUser(appToken, false, "team", "alice")).get("changed").asBoolean()).isFalse();
        assertThat(ids(ok(dir.orgUsersByApp(appToken, "team")).get("memberList"), "uid")).containsExactly("bob");
        assertThat(ids(ok(dir.orgList(appToken, "alice")).get("orgList"), "id")).doesNotContain("team");
        refused(65531, dir.orgUser(appToken, true, "no-such-org", "alice"));
        refused(65531, dir.orgUser(appToken, true, "team", "no-such-user"));
        refused(65531, dir.orgUsersByApp(appToken, "no-such-org"));
    }

    @Test
    void sync_user_links_the_org_it_names_and_refuses_an_unknown_one_without_storing_the_user() {
        ok(dir.syncOrg(appToken, "linked", "", "", "Linked", 0));
        ok(dir.syncUser(appToken, "carol", "carol-login", "Carol", "", "linked"));
        assertThat(ids(ok(dir.orgUsersByApp(appToken, "linked")).get("memberList"), "uid")).containsExactly("carol");

        assertThat(ret(dir.syncUser(appToken, "dave", "dave-login", "Dave", "", "no-such-org"))).isNotZero();
        refused(65531, dir.member(aliceToken, "dave"));
    }

    // ---- verifying users, tokens ------------------------------------------------------------

    @Test
    void an_application_verifies_a_user_token_of_exactly_that_user() {
        JsonNode verified = ok(dir.userAuth(appToken, aliceToken, "alice"));
        assertThat(verified.get("uid").asText()).isEqualTo("alice");
        refused(65533, dir.userAuth(appToken, aliceToken, "bob"));
        refused(65533, dir.userAuth(appToken, "not-a-token", "alice"));
        refused(65533, dir.userAuth("not-an-app-token", aliceToken, "alice"));
    }

    @Test
    void a_user_validates_and_deletes_only_its_own_tokens() {
        String first = login("alice-login", "alice-pw", "Android-t1");
        String second = login("alice-login", "alice-pw", "Android-t2");
        JsonNode valid = ok(dir.validate(second));
        assertThat(valid.get("uid").asText()).isEqualTo("alice");
        assertThat(valid.get("expires").asText()).isNotBlank();

        refused(65533, dir.deleteToken(bobToken, second));
        ok(dir.validate(second));

        assertThat(ok(dir.deleteToken(first, second)).get("deleted").asBoolean()).isTrue();
        refused(65533, dir.validate(second));
        refused(65533, dir.orgInfo(second));
        assertThat(ok(dir.deleteToken(first, second)).get("deleted").asBoolean()).isFalse();
        refused(65533, dir.validate("never-issued"));
    }

    // ---- address book -----------------------------------------------------------------------

    @Test
    void get_member_shows_a_colleague_without_password_and_with_the_contact_star() {
        JsonNode member = ok(dir.member(aliceToken, "bob")).get("member");
        assertThat(member.get("nickName").asText()).isEqualTo("Bob");
        assertThat(member.get("userName").asText()).isEqualTo("bob@user");
        assertThat(member.has("password")).isFalse();
        assertThat(member.get("starFriend").asInt()).isZero();

        assertThat(ok(dir.contact(aliceToken, "bob", true)).get("changed").asBoolean()).isTrue();
        assertThat(ok(dir.contact(aliceToken, "bob", true)).get("changed").asBoolean()).isFalse();
        assertThat(ok(dir.member(aliceToken, "bob")).get("member").get("starFriend").asInt()).isEqualTo(1);
        JsonNode info = ok(dir.orgInfo(aliceToken));
        assertThat(info.get("starMemberCount").asInt()).isEqualTo(1);
        assertThat(ids(info.get("starMemberList"), "uid")).containsExactly("bob");
        assertThat(ok(dir.member(bobToken, "alice")).get("member").get("starFriend").asInt())
                .as("stars are one-way").isZero();

        assertThat(ok(dir.contact(aliceToken, "bob", false)).get("changed").asBoolean()).isTrue();
        assertThat(ok(dir.member(aliceToken, "bob")).get("member").get("starFriend").asInt()).isZero();
        refused(65533, dir.contact(aliceToken, "alice", true));
        refused(65531, dir.contact(aliceToken, "nobody", true));
        refused(65531, dir.member(aliceToken, "nobody"));
    }

    @Test
    void search_pages_through_the_callers_tenant_with_a_total() {
        for (int i = 0; i < 25; i++) {
            ok(dir.syncUser(appToken, String.format("srch%02d", i), String.format("srch%02d", i),
                    String.format("Searchy %02d", i), "", ""));
        }
        JsonNode first = ok(dir.search(aliceToken, "Searchy", "user", 0, 10));
        assertThat(first.get("count").asLong()).isEqualTo(25);
        assertThat(first.get("memberListSize").asInt()).isEqualTo(10);
        assertThat(ids(first.get("memberList"), "nickName")).startsWith("Searchy 00", "Searchy 01");
        JsonNode last = ok(dir.search(aliceToken, "Searchy", "user", 20, 10));
        assertThat(ids(last.get("memberList"), "nickName")).containsExactly(
                "Searchy 20", "Searchy 21", "Searchy 22", "Searchy 23", "Searchy 24");
        assertThat(first.toString()).doesNotContain("password");
        assertThat(ok(dir.search(aliceToken, "searchy 0", "user", 0, 10)).get("count").asLong())
                .as("pinyin (stored lower case) matches too").isEqualTo(10);
        assertThat(ok(dir.search(aliceToken, "%", "user", 0, 10)).get("count").asLong())
                .as("% is literal").isZero();
        JsonNode apps = ok(dir.search(aliceToken, "app1", "app", 0, 10));
        assertThat(ids(apps.get("memberList"), "uid")).containsExactly("app1", "app1c");
    }

    @Test
    void the_application_list_holds_the_callers_tenant_only() {
        JsonNode list = ok(dir.applications(aliceToken));
        assertThat(ids(list.get("memberList"), "uid")).contains("app1", "app1c").doesNotContain("app2", "app3");
        assertThat(list.get("memberList").get(0).get("userName").asText()).endsWith("@app");
        assertThat(list.get("memberCount").asInt()).isEqualTo(list.get("memberList").size());
    }

    // ---- operator ---------------------------------------------------------------------------

    @Test
    void the_operator_lists_disables_and_rotates_applications() {
        String token = createApplication("app4b", "t4", "tenant");
        ok(dir.syncOrg(token, "o4b", "", "", "By app4b", 0));

        JsonNode customers = Client.parse(client.adminGet("/admin/customers", ADMIN_KEY).body());
        assertThat(ids(customers.get("customers"), "id")).contains("c1", "c2");
        JsonNode tenants = Client.parse(client.adminGet("/admin/tenants?customerId=c2", ADMIN_KEY).body());
        assertThat(ids(tenants.get("tenants"), "id")).containsExactly("t3", "t4");
        JsonNode t4apps = Client.parse(client.adminGet("/admin/applications?tenantId=t4", ADMIN_KEY).body());
        assertThat(ids(t4apps.get("applications"), "id")).containsExactly("app4", "app4b");
        assertThat(client.adminGet("/admin/applications", null).statusCode()).isEqualTo(401);

        assertThat(client.adminPost("/admin/applications/app4b/disable", ADMIN_KEY, Client.obj()).statusCode())
                .isEqualTo(200);
        refused(65533, dir.syncOrg(token, "o4b", "", "", "Disabled", 0));
        assertThat(client.adminPost("/admin/applications/app4b/enable", ADMIN_KEY, Client.obj()).statusCode())
                .isEqualTo(200);
        ok(dir.syncOrg(token, "o4b", "", "", "Enabled again", 0));

        var rotated = client.adminPost("/admin/applications/app4b/rotate-token", ADMIN_KEY, Client.obj());
        assertThat(rotated.statusCode()).isEqualTo(200);
        String fresh = Client.parse(rotated.body()).get("token").asText();
        refused(65533, dir.syncOrg(token, "o4b", "", "", "Old token", 0));
        ok(dir.syncOrg(fresh, "o4b", "", "", "New token", 0));
        assertThat(client.adminPost("/admin/applications/nope/disable", ADMIN_KEY, Client.obj()).statusCode())
                .isEqualTo(404);
        assertThat(client.adminPost("/admin/applications/app4b/disable", null, Client.obj()).statusCode())
                .isEqualTo(401);
    }
}

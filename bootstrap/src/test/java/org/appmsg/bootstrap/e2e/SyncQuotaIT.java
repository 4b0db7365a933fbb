package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * The legacy {@code POST /app/client/app/syncQuota} over the wire: only an application the operator granted the
 * permission ({@code PUT /admin/applications/{id}/permissions}) sets quotas, of its own customer only, exactly as
 * {@code PUT /admin/quotas} would; others get 65533, a wrong body 65534 naming the field; refusals change nothing.
 */
class SyncQuotaIT extends ServerFixture {

    @Override
    String databaseUrl() {
        return "";
    }

    private String tenantApp(String customer, String tenant, String app) {
        assertThat(client.adminPost("/admin/tenants", ADMIN_KEY, Client.obj().put("id", tenant).put("code", tenant)
                .put("name", "Tenant " + tenant).put("customerId", customer)).statusCode()).isEqualTo(200);
        var created = client.adminPost("/admin/applications", ADMIN_KEY, Client.obj().put("id", app)
                .put("name", "App " + app).put("tenantId", tenant));
        assertThat(created.statusCode()).isEqualTo(200);
        return Client.parse(created.body()).get("token").asText();
    }

    private String user(String appToken, String name) {
        var body = Client.obj();
        body.putObject("baseRequest").put("token", appToken);
        body.put("orgId", "");
        body.putObject("member").put("uid", name).put("name", name + "-login").put("nickName", name)
                .put("password", name + "-pw").put("tenantId", "").put("status", "1");
        assertThat(ret(client.post("/app/client/app/syncUser", body))).isZero();
        return login(name + "-login", name + "-pw", "Android-" + name);
    }

    private JsonNode syncQuota(String token, String customer, String tenant, String apiName, String type,
            String value, String period) {
        ObjectNode body = Client.obj();
        body.putObject("baseRequest").put("token", token);
        ObjectNode quata = body.putObject("quata").put("customerId", customer).put("tenantId", tenant)
                .put("apiName", apiName).put("type", type).put("value", value);
        if (period != null) {
            quata.put("period", period);
        }
        return client.post("/app/client/app/syncQuota", body);
    }

    private String quotasOf(String customer) {
        var r = client.adminGet("/admin/quotas?customerId=" + customer, ADMIN_KEY);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static String errMsg(JsonNode response) {
        return response.get("baseResponse").get("errMsg").asText();
    }

    @Test
    void only_a_granted_application_sets_its_customers_quotas_and_they_apply() {
        String granted = provision("cq", "q1", "app-q1");
        String other = tenantApp("cq", "q2", "app-q2");
        String foreign = provision("cz", "z1", "app-z1");
        String quinn = user(other, "quinn");

        // not granted yet: 65533, nothing stored
        JsonNode refused = syncQuota(granted, "cq", "q2", "@user", "push_cnt", "2", "day");
        assertThat(ret(refused)).isEqualTo(65533);
        assertThat(errMsg(refused)).contains("app-q1 may not set quotas");
        assertThat(quotasOf("cq")).isEqualTo("{\"quotas\":[]}");

        // the operator grants it
        assertThat(client.adminGet("/admin/applications/app-q1/permissions", ADMIN_KEY).body())
                .isEqualTo("{\"applicationId\":\"app-q1\",\"syncQuota\":false}");
        var grant = client.adminPut("/admin/applications/app-q1/permissions", ADMIN_KEY, "{\"syncQuota\":true}");
        assertThat(grant.statusCode()).isEqualTo(200);
        assertThat(grant.body()).isEqualTo("{\"applicationId\":\"app-q1\",\"syncQuota\":true}");

        JsonNode done = syncQuota(granted, "cq", "q2", "@user", "push_cnt", "2", "day");
        assertThat(ret(done)).as(done.toString()).isZero();
        assertThat(done.get("quota").get("value").asLong()).isEqualTo(2);
        String afterSync = quotasOf("cq");
        assertThat(afterSync).contains("\"tenantId\":\"q2\",\"item\":\"push_cnt\",\"key\":\"@user\",\"period\":\"day\","
                + "\"value\":2");
        // the same row the operator's PUT /admin/quotas makes: putting it again changes nothing
        assertThat(client.adminPut("/admin/quotas", ADMIN_KEY, "{\"customerId\":\"cq\",\"tenantId\":\"q2\","
                + "\"item\":\"push_cnt\",\"key\":\"@user\",\"period\":\"day\",\"value\":2}").statusCode())
                .isEqualTo(200);
        assertThat(quotasOf("cq")).isEqualTo(afterSync);

        // it applies at once: the third push of the day is over quota
        assertThat(ret(push(quinn, "Android-quinn", "quinn@user", "quinn@user", "p1"))).isZero();
        assertThat(ret(push(quinn, "Android-quinn", "quinn@user", "quinn@user", "p2"))).isZero();
        assertThat(ret(push(quinn, "Android-quinn", "quinn@user", "quinn@user", "p3"))).isEqualTo(65537);
        String limited = quotasOf("cq"); // the row with its usage: 2 used, 0 remaining
        assertThat(limited).contains("\"value\":2,\"used\":2,\"remaining\":0");

        // another application of the customer, and the granted one for another customer: 65533, nothing changes
        assertThat(ret(syncQuota(other, "cq", "q2", "@user", "push_cnt", "-1", "day"))).isEqualTo(65533);
        JsonNode otherCustomer = syncQuota(granted, "cz", "z1", "@user", "push_cnt", "1", "day");
        assertThat(ret(otherCustomer)).isEqualTo(65533);
        assertThat(errMsg(otherCustomer)).contains("own customer cq only");
        assertThat(ret(syncQuota(foreign, "cz", "z1", "@user", "push_cnt", "1", "day"))).isEqualTo(65533);
        assertThat(quotasOf("cq")).isEqualTo(limited);
        assertThat(quotasOf("cz")).isEqualTo("{\"quotas\":[]}");

        // a wrong body: 65534 naming the field, nothing changes
        for (String[] bad : new String[][] {
                {"q2", "@user", "bogus", "3", "day", "quata.type must be api_cnt, push_cnt or expire"},
                {"q2", "", "push_cnt", "3", "day", "quata.apiName of a push_cnt quota must be"},
                {"q2", "@user", "push_cnt", "three", "day", "quata.value must be an integer"},
                {"q2", "@user", "push_cnt", "3", "week", "quata.period must be total, month or day"},
                {"z1", "@user", "push_cnt", "3", "day", "quata.tenantId z1 is not a tenant of cq"}}) {
            JsonNode r = syncQuota(granted, "cq", bad[0], bad[1], bad[2], bad[3], bad[4]);
            assertThat(ret(r)).as(bad[5]).isEqualTo(65534);
            assertThat(errMsg(r)).contains(bad[5]);
        }
        ObjectNode noQuata = Client.obj();
        noQuata.putObject("baseRequest").put("token", granted);
        JsonNode missing = client.post("/app/client/app/syncQuota", noQuata);
        assertThat(ret(missing)).isEqualTo(65534);
        assertThat(errMsg(missing)).contains("quata is required");
        assertThat(quotasOf("cq")).isEqualTo(limited);

        // replacing the row (legacy period: none, a lifetime total) lifts the limit; a revoke ends the permission
        assertThat(ret(syncQuota(granted, "cq", "q2", "@user", "push_cnt", "-1", "day"))).isZero();
        assertThat(ret(push(quinn, "Android-quinn", "quinn@user", "quinn@user", "p4"))).isZero();
        assertThat(client.adminPut("/admin/applications/app-q1/permissions", ADMIN_KEY, "{\"syncQuota\":false}")
                .statusCode()).isEqualTo(200);
        assertThat(ret(syncQuota(granted, "cq", "q2", "@user", "push_cnt", "1", null))).isEqualTo(65533);
    }

    @Test
    void the_permission_routes_answer_404_400_and_401() {
        assertThat(client.adminGet("/admin/applications/nobody/permissions", ADMIN_KEY).statusCode())
                .isEqualTo(404);
        var bad = client.adminPut("/admin/applications/app1/permissions", ADMIN_KEY, "{\"syncQuota\":\"yes\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("syncQuota");
        assertThat(client.adminPut("/admin/applications/app1/permissions", null, "{\"syncQuota\":true}")
                .statusCode()).isEqualTo(401);
        assertThat(client.adminGet("/admin/applications/app1/permissions", ADMIN_KEY).body()).contains(
                "\"syncQuota\":false");
    }
}

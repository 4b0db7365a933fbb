package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The operator's usage reports over the wire ({@code GET /admin/reports}), with exact numbers, for a customer of
 * its own so that the other tests' traffic does not show.
 */
class QuotaReportIT extends ServerFixture {

    @Override
    String databaseUrl() {
        return "";
    }

    private static String today() {
        return LocalDate.now(ZoneOffset.UTC).toString();
    }

    /** A tenant of {@code customer} (created when {@code app} is its first), its application's token. */
    private String tenant(String customer, String tenant, String app, boolean newCustomer) {
        if (newCustomer) {
            return provision(customer, tenant, app);
        }
        assertThat(client.adminPost("/admin/tenants", ADMIN_KEY, Client.obj().put("id", tenant).put("code", tenant)
                .put("name", "Tenant " + tenant).put("customerId", customer)).statusCode()).isEqualTo(200);
        var created = client.adminPost("/admin/applications", ADMIN_KEY, Client.obj().put("id", app)
                .put("name", "App " + app).put("tenantId", tenant));
        assertThat(created.statusCode()).isEqualTo(200);
        return Client.parse(created.body()).get("token").asText();
    }

    /** Syncs {@code name} with the application of {@code token} and signs it in; the user's token. */
    private String user(String token, String name) {
        var body = Client.obj();
        body.putObject("baseRequest").put("token", token);
        body.put("orgId", "");
        body.putObject("member").put("uid", name).put("name", name + "-login").put("nickName", name)
                .put("password", name + "-pw").put("tenantId", "").put("status", "1");
        assertThat(ret(client.post("/app/client/app/syncUser", body))).isZero();
        return login(name + "-login", name + "-pw", "Android-" + name);
    }

    private JsonNode report(String query) {
        var r = client.adminGet("/admin/reports?" + query, ADMIN_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Client.parse(r.body());
    }

    private static String lines(JsonNode report) {
        StringBuilder out = new StringBuilder();
        String column = report.get("column").asText();
        for (JsonNode line : report.get("lines")) {
            out.append(line.get(column).asText()).append('=').append(line.get("count").asLong()).append(' ');
        }
        return out.toString().trim();
    }

    @Test
    void reports_show_the_exact_calls_and_pushes_of_the_range() {
        String r1App = tenant("cr", "r1", "app-r1", true);
        String r2App = tenant("cr", "r2", "app-r2", false);
        String ann = user(r1App, "ann");
        String ben = user(r1App, "ben");
        String cid = user(r2App, "cid");
        for (int i = 1; i <= 3; i++) {
            assertThat(ret(push(ann, "Android-ann", "ann@user", "ben@user", "a" + i))).isZero();
        }
        assertThat(ret(push(cid, "Android-cid", "cid@user", "cid@user", "c1"))).isZero();
        // a refused push (to a user of another tenant) is not counted
        assertThat(ret(push(cid, "Android-cid", "cid@user", "ann@user", "c2"))).isNotZero();
        assertThat(ret(push(ben, "Android-ben", "ben@user", "ann@user", "b1"))).isZero();
        // one application push to two users: one @app push, two stored recipients
        var appPush = Client.obj();
        appPush.putObject("baseRequest").put("token", r1App);
        appPush.putArray("toUserNames").add("ann@user").add("ben@user");
        appPush.put("msgType", 1).put("content", "from the app");
        assertThat(ret(client.post("/app/client/app/user/push", appPush))).isZero();

        String range = "&from=" + today() + "&to=" + today();
        JsonNode pushes = report("kind=push-by-tenant&customerId=cr" + range);
        assertThat(lines(pushes)).isEqualTo("r1=5 r2=1");
        assertThat(pushes.get("total").asLong()).isEqualTo(6);
        assertThat(pushes.get("kind").asText()).isEqualTo("push-by-tenant");
        assertThat(pushes.get("customerId").asText()).isEqualTo("cr");
        assertThat(lines(report("kind=push-by-type&customerId=cr" + range))).isEqualTo("@user=5 @app=1");
        // six pushes that went through, three users synced and three logins; equal counts by route
        assertThat(lines(report("kind=api-by-route&customerId=cr" + range))).isEqualTo("/app/client/device/push=5 "
                + "/app/client/app/syncUser=3 /app/client/device/login=3 /app/client/app/user/push=1");
        assertThat(lines(report("kind=api-by-tenant&customerId=cr" + range))).isEqualTo("r1=9 r2=3");
        // stored recipients: one per user push (the sender's own copy is not one), two for the application push
        assertThat(lines(report("kind=recipients-by-type&customerId=cr" + range))).isEqualTo("@user=5 @app=2");
        assertThat(lines(report("kind=recipients-by-tenant&customerId=cr" + range))).isEqualTo("r1=6 r2=1");
        JsonNode customers = report("kind=push-by-customer" + range);
        assertThat(customers.has("customerId")).isFalse();
        assertThat(lines(customers)).contains("cr=6");
        // this node's counts since it started, per customer, in /metrics
        String metrics = client.adminGet("/metrics").body();
        assertThat(metrics).contains("appmsg_usage_count{customer=\"cr\",counter=\"api_cnt\"} 12\n",
                "appmsg_usage_count{customer=\"cr\",counter=\"push_cnt\"} 6\n",
                "appmsg_usage_count{customer=\"cr\",counter=\"recipients\"} 7\n");
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        assertThat(lines(report("kind=push-by-tenant&customerId=cr&from=" + yesterday + "&to=" + yesterday)))
                .isEmpty();
    }

    @Test
    void a_bad_report_query_answers_400_naming_the_field() {
        String range = "&from=" + today() + "&to=" + today();
        for (var bad : List.of(
                List.of("kind=pushes" + range, "kind must be one of api-by-route"),
                List.of("from=" + today() + "&to=" + today(), "kind is required"),
                List.of("kind=push-by-type&from=2026-13-01&to=" + today(), "from must be a date yyyy-mm-dd"),
                List.of("kind=push-by-type&from=" + today() + "&to=2000-01-01", "to must not be before from"),
                List.of("kind=push-by-type&from=2020-01-01&to=2022-01-01", "to must be at most 365 days after from (a report covers at most 366 days)"),
                List.of("kind=push-by-tenant" + range, "customerId is required for push-by-tenant"),
                List.of("kind=push-by-type&customerId=bad_id" + range, "customerId"))) {
            var r = client.adminGet("/admin/reports?" + bad.get(0), ADMIN_KEY);
            assertThat(r.statusCode()).as(bad.get(0)).isEqualTo(400);
            assertThat(r.body()).as(bad.get(0)).contains(bad.get(1));
        }
        var unknown = client.adminGet("/admin/reports?kind=push-by-type&customerId=nobody" + range, ADMIN_KEY);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("customerId nobody does not exist");
        assertThat(client.adminGet("/admin/reports?kind=push-by-type" + range, null).statusCode()).isEqualTo(401);
    }
}

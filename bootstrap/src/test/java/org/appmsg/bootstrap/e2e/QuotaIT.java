package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Quotas over the wire: the operator's /admin/quotas, the gate's 65536/65537, and the usage the reports show. */
class QuotaIT extends ServerFixture {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Override
    String databaseUrl() {
        return "";
    }

    private String putQuota(String customer, String tenant, String item, String key, String period, long value) {
        var r = client.adminPut("/admin/quotas", ADMIN_KEY, Client.obj().put("customerId", customer)
                .put("tenantId", tenant).put("item", item).put("key", key).put("period", period).put("value", value)
                .toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    private String tenantUser(String tenant, String app, String name) {
        var created = client.adminPost("/admin/tenants", ADMIN_KEY, Client.obj().put("id", tenant).put("code", tenant)
                .put("name", "Tenant " + tenant).put("customerId", "c1"));
        assertThat(created.statusCode()).isEqualTo(200);
        var application = client.adminPost("/admin/applications", ADMIN_KEY, Client.obj().put("id", app)
                .put("name", "App " + app).put("tenantId", tenant));
        String token = Client.parse(application.body()).get("token").asText();
        var body = Client.obj();
        body.putObject("baseRequest").put("token", token);
        body.put("orgId", "");
        body.putObject("member").put("uid", name).put("name", name + "-login").put("nickName", name)
                .put("password", name + "-pw").put("tenantId", "").put("status", "1");
        assertThat(ret(client.post("/app/client/app/syncUser", body))).isZero();
        return login(name + "-login", name + "-pw", "Android-" + name);
    }

    private HttpResponse<String> adminDelete(String query) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.adminPort()
                + "/admin/quotas?" + query)).DELETE().header("Authorization", "Bearer " + ADMIN_KEY).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String today() {
        return LocalDate.now(ZoneOffset.UTC).toString();
    }

    @Test
    void five_pushes_a_day_refuse_the_sixth_store_nothing_and_a_raise_lets_the_next_through() throws Exception {
        String dave = signedIn("dave");
        String erin = signedIn("erin");
        String frank = tenantUser("t2", "app2", "frank");
        String grace = tenantUser("t2-b", "app2b", "grace");
        putQuota("c1", "t1", "push_cnt", "@user", "day", 5);

        for (int i = 1; i <= 5; i++) {
            assertThat(ret(push(dave, "Android-dave", "dave@user", "erin@user", "m" + i))).isZero();
        }
        JsonNode sixth = push(dave, "Android-dave", "dave@user", "erin@user", "m6");
        assertThat(ret(sixth)).isEqualTo(65537);
        assertThat(sixth.get("baseResponse").get("errMsg").asText()).contains("push_cnt @user per day of c1/t1");
        JsonNode box = fetch(erin, "erin@user", 0, 100);
        assertThat(box.get("data").get("msgs").size()).as(box.toString()).isEqualTo(5);

        // another tenant of the same customer has no row: unlimited
        for (int i = 1; i <= 7; i++) {
            assertThat(ret(push(frank, "Android-frank", "frank@user", "frank@user", "f" + i))).isZero();
        }

        putQuota("c1", "t1", "push_cnt", "@user", "day", 6);
        long deadline = System.nanoTime() + 5_000_000_000L;
        JsonNode next;
        do {
            next = push(dave, "Android-dave", "dave@user", "erin@user", "m7");
        } while (ret(next) != 0 && System.nanoTime() < deadline);
        assertThat(ret(next)).isZero();
        assertThat(ret(push(dave, "Android-dave", "dave@user", "erin@user", "m8"))).isEqualTo(65537);

        // the operator's view: the row with its usage, and the report rows of today
        JsonNode listed = Client.parse(client.adminGet("/admin/quotas?customerId=c1&tenantId=t1", ADMIN_KEY).body());
        JsonNode row = listed.get("quotas").get(0);
        assertThat(row.get("item").asText()).isEqualTo("push_cnt");
        assertThat(row.get("used").asLong()).isEqualTo(6);
        assertThat(row.get("remaining").asLong()).isZero();
        JsonNode report = Client.parse(client.adminGet("/admin/usage?customerId=c1&from=" + today() + "&to="
                + today(), ADMIN_KEY).body());
        assertThat(count(report, "t1", "push_cnt", "@user")).isEqualTo(6);
        assertThat(count(report, "t2", "push_cnt", "@user")).isEqualTo(7);
        assertThat(count(report, "t1", "api_cnt", "/app/client/device/push")).isEqualTo(6);

        // an application reads its own tenant's quotas and usage
        var own = Client.obj();
        own.putObject("baseRequest").put("token", appToken);
        JsonNode mine = client.post("/app/client/app/getQuotaUsage", own);
        assertThat(ret(mine)).isZero();
        assertThat(mine.get("quotas").get(0).get("used").asLong()).isEqualTo(6);

        // an expire row in the past refuses every route of its tenant with 65536; deleting it lifts it
        putQuota("c1", "t2-b", "expire", "*", "total", 1_000);
        JsonNode expired = push(grace, "Android-grace", "grace@user", "grace@user", "g1");
        assertThat(ret(expired)).isEqualTo(65536);
        assertThat(expired.get("baseResponse").get("errMsg").asText()).contains("expire");
        assertThat(adminDelete("customerId=c1&tenantId=t2-b&item=expire&key=*").statusCode()).isEqualTo(200);
        assertThat(ret(push(grace, "Android-grace", "grace@user", "grace@user", "g2"))).isZero();
    }

    private static long count(JsonNode report, String tenant, String counter, String key) {
        long sum = 0;
        for (JsonNode r : report.get("rows")) {
            if (r.get("tenantId").asText().equals(tenant) && r.get("counter").asText().equals(counter)
                    && r.get("key").asText().equals(key)) {
                sum += r.get("count").asLong();
            }
        }
        return sum;
    }

    @Test
    void sixteen_clients_against_an_api_quota_of_ten_thousand_get_exactly_ten_thousand_through() throws Exception {
        String token = tenantUser("t-load", "app-load", "loader");
        putQuota("c1", "t-load", "api_cnt", "/app/client/device/validateToken", "total", 10_000);
        var body = Client.obj();
        body.putObject("baseRequest").put("token", token);
        body.put("validToken", token);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger over = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 1_000; i++) {
                    int ret = ret(client.post("/app/client/device/validateToken", body));
                    (ret == 0 ? ok : ret == 65536 ? over : other).incrementAndGet();
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdownNow();

        assertThat(other.get()).isZero();
        assertThat(ok.get()).isEqualTo(10_000);
        assertThat(over.get()).isEqualTo(6_000);
        JsonNode listed = Client.parse(client.adminGet("/admin/quotas?customerId=c1&tenantId=t-load", ADMIN_KEY)
                .body());
        assertThat(listed.get("quotas").get(0).get("used").asLong()).isEqualTo(10_000);
    }

    @Test
    void bad_quota_input_names_the_field_and_changes_nothing() {
        String before = client.adminGet("/admin/quotas?customerId=c1", ADMIN_KEY).body();
        for (String bad : List.of(
                "{\"customerId\":\"c1\",\"tenantId\":\"t1\",\"item\":\"bogus\",\"key\":\"@user\",\"value\":1}",
                "{\"customerId\":\"c1\",\"tenantId\":\"t1\",\"item\":\"push_cnt\",\"key\":\"@nobody\",\"value\":1}",
                "{\"customerId\":\"c1\",\"tenantId\":\"t1\",\"item\":\"push_cnt\",\"key\":\"@user\",\"value\":-5}",
                "{\"customerId\":\"c1\",\"tenantId\":\"t1\",\"item\":\"push_cnt\",\"key\":\"@user\",\"period\":\"week\",\"value\":1}",
                "{\"tenantId\":\"t1\",\"item\":\"push_cnt\",\"key\":\"@user\",\"value\":1}")) {
            var r = client.adminPut("/admin/quotas", ADMIN_KEY, bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(r.body()).containsAnyOf("item", "key", "value", "period", "customerId");
        }
        var unknown = client.adminPut("/admin/quotas", ADMIN_KEY,
                "{\"customerId\":\"nobody\",\"tenantId\":\"*\",\"item\":\"push_cnt\",\"key\":\"@user\",\"value\":1}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(client.adminPut("/admin/quotas", null, "{}").statusCode()).isEqualTo(401);
        assertThat(client.adminGet("/admin/quotas?customerId=c1", ADMIN_KEY).body()).isEqualTo(before);
    }
}

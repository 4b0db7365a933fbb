package org.appmsg.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.appmsg.application.port.in.ManagePushPermissionUseCase;
import org.appmsg.application.port.in.ProvisionUseCase;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.AppId;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.tenant.Application;
import org.appmsg.domain.tenant.ApplicationScope;
import org.appmsg.domain.tenant.Customer;
import org.appmsg.domain.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdminEndpointsTest extends RoutesTest {

    private static final String BEARER = "Bearer " + TestServer.ADMIN_KEY;

    @BeforeEach
    void reset() {
        server.adminChecks.set(0);
        server.problems = List::of;
        server.provision = c -> switch (c) {
            case ProvisionUseCase.Request.CreateCustomer cc ->
                    new ProvisionUseCase.Result.CustomerSaved(new Customer(new CustomerId("c1"), cc.name()));
            case ProvisionUseCase.Request.CreateTenant ct -> new ProvisionUseCase.Result.TenantSaved(
                    new Tenant(new TenantId("t1"), ct.code(), ct.name(), new CustomerId(ct.customerId())));
            case ProvisionUseCase.Request.CreateApplication ca -> new ProvisionUseCase.Result.ApplicationCreated(
                    new Application(new AppId("a1"), ca.name(), new TenantId(ca.tenantId()), true, ca.scope()),
                    new Secret("app-token-once"));
            case ProvisionUseCase.Request.ListCustomers lc -> new ProvisionUseCase.Result.Customers(List.of(
                    new Customer(new CustomerId("c1"), "Acme"), new Customer(new CustomerId("c2"), "Globex")));
            case ProvisionUseCase.Request.ListTenants lt ->
                    new ProvisionUseCase.Result.Tenants(List.of(TestServer.tenant()));
            case ProvisionUseCase.Request.ListApplications la -> new ProvisionUseCase.Result.Applications(List.of(
                    TestServer.crm(), new Application(new AppId("a2"), "Billing", new TenantId("t1"), false,
                            ApplicationScope.CUSTOMER)));
            case ProvisionUseCase.Request.SetApplicationEnabled se -> new ProvisionUseCase.Result.ApplicationUpdated(
                    new Application(new AppId(se.id()), "CRM", new TenantId("t1"), se.enabled()));
            case ProvisionUseCase.Request.RotateApplicationToken rt -> new ProvisionUseCase.Result.TokenRotated(
                    new Application(new AppId(rt.id()), "CRM", new TenantId("t1"), true), new Secret("new-token"));
        };
    }

    @Test
    void provisioning_without_a_key_is_401_and_reaches_no_use_case() {
        var response = server.admin("POST", "/admin/customers", null, "{\"name\":\"Acme\"}");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("error").asText()).contains("admin key required");
        assertThat(server.adminChecks).hasValue(0);
        assertThat(server.calls).isEmpty();
    }

    @Test
    void provisioning_with_a_wrong_key_is_401_and_reaches_no_use_case() {
        for (String auth : List.of("Bearer nope", "Basic " + TestServer.ADMIN_KEY, "Bearer ")) {
            var response = server.admin("POST", "/admin/tenants", auth, "{\"name\":\"T\",\"customerId\":\"c1\"}");
            assertThat(response.status()).as(auth).isEqualTo(401);
            assertThat(response.json().has("error")).isTrue();
        }
        assertThat(server.calls).isEmpty();
    }

    @Test
    void creates_a_customer() {
        var response = server.admin("POST", "/admin/customers", BEARER, "{\"name\":\"Acme\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().toString()).isEqualTo("{\"id\":\"c1\",\"name\":\"Acme\"}");
        assertThat(server.onlyCall(ProvisionUseCase.Request.CreateCustomer.class).id()).isEmpty();
    }

    @Test
    void creates_a_tenant() {
        var response = server.admin("POST", "/admin/tenants", BEARER,
                "{\"id\":\"t1\",\"code\":\"acme-hq\",\"name\":\"HQ\",\"customerId\":\"c1\"}");

        assertThat(response.json().toString())
                .isEqualTo("{\"id\":\"t1\",\"code\":\"acme-hq\",\"name\":\"HQ\",\"customerId\":\"c1\"}");
        assertThat(server.onlyCall(ProvisionUseCase.Request.CreateTenant.class).id()).isEqualTo("t1");
    }

    @Test
    void creates_an_application_and_shows_its_token_once() {
        var response = server.admin("POST", "/admin/applications", BEARER, "{\"name\":\"CRM\",\"tenantId\":\"t1\"}");

        assertThat(response.status()).isEqualTo(AdminEndpoints.APPLICATION_CREATED);
        assertThat(response.json().toString()).isEqualTo("{\"id\":\"a1\",\"name\":\"CRM\",\"tenantId\":\"t1\","
                + "\"scope\":\"tenant\",\"enabled\":true,\"token\":\"app-token-once\"}");
        assertThat(server.onlyCall(ProvisionUseCase.Request.CreateApplication.class)).isEqualTo(
                new ProvisionUseCase.Request.CreateApplication("", "CRM", "t1", ApplicationScope.TENANT));
    }

    @Test
    void creates_a_customer_wide_application() {
        var response = server.admin("POST", "/admin/applications", BEARER,
                "{\"id\":\"a1\",\"name\":\"CRM\",\"tenantId\":\"t1\",\"scope\":\"customer\"}");

        assertThat(response.json().toString()).isEqualTo("{\"id\":\"a1\",\"name\":\"CRM\",\"tenantId\":\"t1\","
                + "\"scope\":\"customer\",\"enabled\":true,\"token\":\"app-token-once\"}");
        assertThat(server.onlyCall(ProvisionUseCase.Request.CreateApplication.class)).isEqualTo(
                new ProvisionUseCase.Request.CreateApplication("a1", "CRM", "t1", ApplicationScope.CUSTOMER));
    }

    @Test
    void lists_customers() {
        var response = server.admin("GET", "/admin/customers", BEARER, null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().toString())
                .isEqualTo("{\"customers\":[{\"id\":\"c1\",\"name\":\"Acme\"},{\"id\":\"c2\",\"name\":\"Globex\"}]}");
        assertThat(server.onlyCall(ProvisionUseCase.Request.ListCustomers.class)).isNotNull();
    }

    @Test
    void lists_tenants_of_one_customer_or_all() {
        var response = server.admin("GET", "/admin/tenants?customerId=c1", BEARER, null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().toString()).isEqualTo(
                "{\"tenants\":[{\"id\":\"t1\",\"code\":\"hq\",\"name\":\"Head office\",\"customerId\":\"c1\",\"status\":2}]}");
        assertThat(server.onlyCall(ProvisionUseCase.Request.ListTenants.class))
                .isEqualTo(new ProvisionUseCase.Request.ListTenants("c1"));

        for (String all : List.of("/admin/tenants", "/admin/tenants?customerId=")) {
            server.calls.clear();
            assertThat(server.admin("GET", all, BEARER, null).status()).isEqualTo(200);
            assertThat(server.onlyCall(ProvisionUseCase.Request.ListTenants.class))
                    .isEqualTo(new ProvisionUseCase.Request.ListTenants(""));
        }
    }

    @Test
    void lists_applications_of_one_tenant_or_all() {
        var response = server.admin("GET", "/admin/applications?tenantId=t1", BEARER, null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().toString()).isEqualTo("{\"applications\":["
                + "{\"id\":\"a1\",\"name\":\"CRM\",\"tenantId\":\"t1\",\"scope\":\"tenant\",\"enabled\":true},"
                + "{\"id\":\"a2\",\"name\":\"Billing\",\"tenantId\":\"t1\",\"scope\":\"customer\",\"enabled\":false}]}");
        assertThat(server.onlyCall(ProvisionUseCase.Request.ListApplications.class))
                .isEqualTo(new ProvisionUseCase.Request.ListApplications("t1"));

        server.calls.clear();
        server.admin("GET", "/admin/applications", BEARER, null);
        assertThat(server.onlyCall(ProvisionUseCase.Request.ListApplications.class))
                .isEqualTo(new ProvisionUseCase.Request.ListApplications(""));
    }

    @Test
    void an_unknown_list_filter_is_404_with_the_reason() {
        server.provision = c -> new ProvisionUseCase.Result.NotFound("customer c9 does not exist");

        var response = server.admin("GET", "/admin/tenants?customerId=c9", BEARER, null);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().toString()).isEqualTo("{\"error\":\"customer c9 does not exist\"}");
    }

    @Test
    void disables_and_enables_an_application() {
        var disabled = server.admin("POST", "/admin/applications/a1/disable", BEARER, null);

        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().toString()).isEqualTo(
                "{\"id\":\"a1\",\"name\":\"CRM\",\"tenantId\":\"t1\",\"scope\":\"tenant\",\"enabled\":false}");
        assertThat(server.onlyCall(ProvisionUseCase.Request.SetApplicationEnabled.class))
                .isEqualTo(new ProvisionUseCase.Request.SetApplicationEnabled("a1", false));

        server.calls.clear();
        var enabled = server.admin("POST", "/admin/applications/a1/enable", BEARER, "");

        assertThat(enabled.status()).isEqualTo(200);
        assertThat(enabled.json().get("enabled").asBoolean()).isTrue();
        assertThat(server.onlyCall(ProvisionUseCase.Request.SetApplicationEnabled.class))
                .isEqualTo(new ProvisionUseCase.Request.SetApplicationEnabled("a1", true));
    }

    @Test
    void rotates_an_application_token() {
        var response = server.admin("POST", "/admin/applications/a1/rotate-token", BEARER, null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().toString()).isEqualTo("{\"id\":\"a1\",\"name\":\"CRM\",\"tenantId\":\"t1\","
                + "\"scope\":\"tenant\",\"enabled\":true,\"token\":\"new-token\"}");
        assertThat(server.onlyCall(ProvisionUseCase.Request.RotateApplicationToken.class))
                .isEqualTo(new ProvisionUseCase.Request.RotateApplicationToken("a1"));
    }

    @Test
    void an_unknown_application_is_404_on_each_application_route() {
        server.provision = c -> new ProvisionUseCase.Result.NotFound("application a9 does not exist");
        for (String action : List.of("disable", "enable", "rotate-token")) {
            var response = server.admin("POST", "/admin/applications/a9/" + action, BEARER, null);

            assertThat(response.status()).as(action).isEqualTo(404);
            assertThat(response.json().toString()).isEqualTo("{\"error\":\"application a9 does not exist\"}");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, /admin/customers",
            "GET, /admin/tenants",
            "GET, /admin/tenants?customerId=c1",
            "GET, /admin/applications",
            "GET, /admin/applications?tenantId=t1",
            "POST, /admin/applications/a1/disable",
            "POST, /admin/applications/a1/enable",
            "POST, /admin/applications/a1/rotate-token",
            "POST, /admin/applications"})
    void every_admin_route_is_401_without_the_key(String method, String path) {
        String body = method.equals("POST") ? "{\"name\":\"CRM\",\"tenantId\":\"t1\",\"scope\":\"customer\"}" : null;

        var missing = server.admin(method, path, null, body);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().get("error").asText()).contains("admin key required");
        assertThat(server.adminChecks).hasValue(0);

        var wrong = server.admin(method, path, "Bearer nope", body);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("error").asText()).isEqualTo("admin key rejected");
        assertThat(server.calls).isEmpty();
    }

    @Test
    void refusal_is_409_with_the_reason() {
        server.provision = c -> new ProvisionUseCase.Result.Refused("customer c9 does not exist");

        var response = server.admin("POST", "/admin/tenants", BEARER, "{\"name\":\"T\",\"customerId\":\"c9\"}");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("error").asText()).isEqualTo("customer c9 does not exist");
    }

    @Test
    void bad_input_is_400_naming_the_field_and_reaches_no_use_case() {
        assertThat(server.admin("POST", "/admin/tenants", BEARER, "{\"name\":\"T\"}").json().get("error").asText())
                .isEqualTo("customerId is required");
        var wrongType = server.admin("POST", "/admin/customers", BEARER, "{\"name\":5}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("error").asText()).isEqualTo("name must be a string");
        var blank = server.admin("POST", "/admin/customers", BEARER, "{\"name\":\" \"}");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().get("error").asText()).isEqualTo("name must not be empty");
        assertThat(server.admin("POST", "/admin/applications", BEARER, "nope").status()).isEqualTo(400);
        assertThat(server.calls).isEmpty();
    }

    @Test
    void reads_grants_and_revokes_a_users_broadcast_permission() {
        var read = server.admin("GET", "/admin/users/u1/permissions", BEARER, null);

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).isEqualTo("{\"userId\":\"u1\",\"broadcast\":false}");
        assertThat(server.onlyCall(ManagePushPermissionUseCase.Request.Read.class))
                .isEqualTo(new ManagePushPermissionUseCase.Request.Read(new UserId("u1")));

        server.calls.clear();
        var granted = server.admin("PUT", "/admin/users/u1/permissions", BEARER, "{\"broadcast\":true}");

        assertThat(granted.status()).isEqualTo(200);
        assertThat(granted.body()).isEqualTo("{\"userId\":\"u1\",\"broadcast\":true}");
        assertThat(server.onlyCall(ManagePushPermissionUseCase.Request.Change.class))
                .isEqualTo(new ManagePushPermissionUseCase.Request.Change(new UserId("u1"), true));

        server.calls.clear();
        server.admin("PUT", "/admin/users/u1/permissions", BEARER, "{\"broadcast\":false,\"note\":\"x\"}");
        assertThat(server.onlyCall(ManagePushPermissionUseCase.Request.Change.class).broadcast()).isFalse();
    }

    @Test
    void permissions_need_the_admin_key_before_anything_is_read() {
        for (String auth : java.util.Arrays.asList(null, "Bearer nope")) {
            var put = server.admin("PUT", "/admin/users/u_1/permissions", auth, "not json");
            var get = server.admin("GET", "/admin/users/u1/permissions", auth, null);
            assertThat(put.status()).as(auth).isEqualTo(401);
            assertThat(get.status()).as(auth).isEqualTo(401);
        }
        assertThat(server.calls).isEmpty();
    }

    @Test
    void permissions_of_an_unknown_user_are_404_with_the_reason() {
        var stub = server.pushPermissions;
        server.pushPermissions = r -> new ManagePushPermissionUseCase.Result.NotFound("user u9 does not exist");
        try {
            for (String method : List.of("GET", "PUT")) {
                var response = server.admin(method, "/admin/users/u9/permissions", BEARER, "{\"broadcast\":true}");
                assertThat(response.status()).as(method).isEqualTo(404);
                assertThat(response.body()).isEqualTo("{\"error\":\"user u9 does not exist\"}");
            }
        } finally {
            server.pushPermissions = stub;
        }
    }

    @Test
    void permissions_answer_405_to_other_methods() {
        assertThat(server.admin("POST", "/admin/users/u1/permissions", BEARER, "{\"broadcast\":true}").status())
                .isEqualTo(405);
        assertThat(server.admin("DELETE", "/admin/users/u1/permissions", BEARER, null).status()).isEqualTo(405);
        assertThat(server.calls).isEmpty();
    }

    @Test
    void health_is_up_without_a_key() {
        var response = server.admin("GET", "/health", null, null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void ready_reflects_the_readiness_use_case() {
        assertThat(server.admin("GET", "/ready", null, null).body()).isEqualTo("{\"status\":\"READY\"}");

        server.problems = () -> List.of("storage unreachable");
        var notReady = server.admin("GET", "/ready", null, null);

        assertThat(notReady.status()).isEqualTo(503);
        assertThat(notReady.body()).isEqualTo("{\"status\":\"NOT_READY\",\"problems\":[\"storage unreachable\"]}");
    }

    @Test
    void metrics_count_requests_by_route_and_ret_and_expose_gauges() {
        server.get("/1/time/get");
        server.get("/1/time/get?cb=1bad");

        var response = server.admin("GET", "/metrics", null, null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/plain; version=0.0.4");
        assertThat(response.body())
                .contains("# TYPE appmsg_http_requests_total counter")
                .containsPattern("appmsg_http_requests_total\\{route=\"/1/time/get\",status=\"200\",ret=\"0\"} [1-9]")
                .containsPattern("appmsg_http_requests_total\\{route=\"/1/time/get\",status=\"200\",ret=\"65534\"} [1-9]")
                .contains("appmsg_http_request_duration_seconds_bucket{route=\"/1/time/get\",le=\"+Inf\"}")
                .contains("appmsg_http_request_duration_seconds_count{route=\"/1/time/get\"}")
                .contains("# TYPE appmsg_ws_sessions gauge\nappmsg_ws_sessions 3\n")
                .containsPattern("jvm_memory_heap_used_bytes [1-9][0-9]*\n");
    }
}

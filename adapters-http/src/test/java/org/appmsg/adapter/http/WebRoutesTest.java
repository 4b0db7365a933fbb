package org.appmsg.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The library and web app files, their security headers, and CORS for configured origins only. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebRoutesTest {

    private static final String ALLOWED = "https://portal.example.org";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private TestServer server;

    @BeforeAll
    void start() {
        server = new TestServer(Duration.ofSeconds(5), List.of(ALLOWED));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(server.api(path)).GET();
    }

    @Test
    void the_library_and_the_app_are_served_with_a_strict_content_security_policy() throws Exception {
        var lib = send(get("/js/appmsg.js"));
        assertThat(lib.statusCode()).isEqualTo(200);
        assertThat(lib.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(lib.body()).contains("export class AppMsgClient");
        assertThat(send(get("/js/appmsg.d.ts")).body()).contains("export declare class AppMsgClient");

        var page = send(get("/web/"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html").containsIgnoringCase("charset=utf-8");
        assertThat(page.body()).contains("<script type=\"module\" src=\"app.js\"></script>");
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'none'", "script-src 'self';", "frame-ancestors 'none'",
                "connect-src 'self' ws://127.0.0.1:6968 wss://127.0.0.1:6968;");
        assertThat(csp).doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

        var bare = send(get("/web"));
        assertThat(bare.statusCode()).isEqualTo(302);
        assertThat(bare.headers().firstValue("Location")).hasValue("/web/");
    }

    @Test
    void unknown_or_hidden_files_are_not_found() throws Exception {
        for (String path : List.of("/js/nothing.js", "/web/..%2Fjs%2Fappmsg.js", "/web/.hidden.js", "/js/appmsg",
                "/web/app.exe", "/js/%2e%2e")) {
            assertThat(send(get(path)).statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    void a_configured_origin_may_call_the_api_and_gets_its_preflight() throws Exception {
        var preflight = send(HttpRequest.newBuilder(server.api("/app/client/device/push"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", ALLOWED).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type"));
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, POST");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValue("Content-Type");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();

        var fetch = send(get("/1/time/get").header("Origin", ALLOWED));
        assertThat(fetch.statusCode()).isEqualTo(200);
        assertThat(fetch.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
    }

    @Test
    void another_origin_gets_no_cors_headers_and_a_refused_preflight() throws Exception {
        String other = "https://evil.example.com";
        var preflight = send(HttpRequest.newBuilder(server.api("/app/client/device/push"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", other).header("Access-Control-Request-Method", "POST"));
        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        var fetch = send(get("/1/time/get").header("Origin", other));
        assertThat(fetch.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(fetch.headers().allValues("Vary")).contains("Origin");
    }

    @Test
    void a_malformed_origin_setting_is_refused_naming_it() {
        assertThatThrownBy(() -> HttpAdapter.Settings.defaults(() -> 1).withCorsOrigins(List.of("https://a.org/path")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https://a.org/path");
    }
}

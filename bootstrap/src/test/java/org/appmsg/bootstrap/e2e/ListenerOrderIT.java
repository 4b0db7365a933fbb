package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The packaged server as a process: its comet listeners (WebSocket, TCP) open only once the HTTP API answers, and
 * on SIGTERM they close first, while the HTTP API still serves.
 */
class ListenerOrderIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Map<String, String> settings = new HashMap<>();
    private int httpPort;
    private int wsPort;
    private int tcpPort;
    private int adminPort;
    private ServerProcess server;
    private String appToken;

    @BeforeEach
    void fixedPorts() throws IOException {
        // fixed ports, so a client can knock on them before the server says where it listens
        httpPort = freePort();
        wsPort = freePort();
        tcpPort = freePort();
        adminPort = freePort();
        Path data = Files.createTempDirectory("appmsg-listener-order");
        settings.putAll(Map.of("APPMSG_HTTP_HOST", "127.0.0.1", "APPMSG_HTTP_PORT", Integer.toString(httpPort),
                "APPMSG_WS_HOST", "127.0.0.1", "APPMSG_WS_PORT", Integer.toString(wsPort),
                "APPMSG_TCP_HOST", "127.0.0.1", "APPMSG_TCP_PORT", Integer.toString(tcpPort),
                "APPMSG_ADMIN_PORT", Integer.toString(adminPort), "APPMSG_DATA_DIR", data.toString(),
                "APPMSG_ADMIN_KEY", ServerFixture.ADMIN_KEY));
    }

    @AfterEach
    void end() throws InterruptedException {
        if (server != null) {
            server.destroy();
        }
    }

    @Test
    @Timeout(180)
    void a_client_that_gets_into_a_comet_listener_the_moment_it_accepts_can_fetch_over_http_at_once() throws Exception {
        server = ServerProcess.start("listener-order", settings);
        String token = userWithAStoredMessage(server.client());
        assertThat(server.stop()).isZero();

        server = ServerProcess.launch("listener-order", settings); // knock while it starts
        CompletableFuture<HttpResponse<String>> afterWs = CompletableFuture.supplyAsync(() -> fetchOnceOpen(wsPort,
                token));
        CompletableFuture<HttpResponse<String>> afterTcp = CompletableFuture.supplyAsync(() -> fetchOnceOpen(tcpPort,
                token));

        for (HttpResponse<String> fetched : new HttpResponse[] {afterWs.get(90, TimeUnit.SECONDS),
                afterTcp.get(90, TimeUnit.SECONDS)}) {
            assertThat(fetched.statusCode()).as(fetched.body()).isEqualTo(200);
            JsonNode page = Client.parse(fetched.body());
            assertThat(page.path("ret").asInt()).as(fetched.body()).isZero();
            assertThat(page.path("data").path("msgs").get(0).path("msg").path("content").asText())
                    .isEqualTo("before the restart");
        }
        server.awaitReady();
        assertThat(get(adminPort, "/ready").statusCode()).isEqualTo(200);
    }

    @Test
    @Timeout(180)
    void on_sigterm_the_comet_listeners_close_first_while_the_http_api_still_answers() throws Exception {
        server = ServerProcess.start("listener-order", settings);
        Client client = server.client();
        String token = userWithAStoredMessage(client);
        // a TCP subscriber that stops reading with frames still queued for it: the drain waits (up to 10 s) for
        // them to go out before the HTTP API stops, so the window between the two is wide enough to look into
        try (java.net.Socket stubborn = new java.net.Socket()) {
            stubborn.setReceiveBufferSize(4096);
            stubborn.connect(new InetSocketAddress("127.0.0.1", tcpPort), 5000);
            String sub = "*4\r\n$3\r\nsub\r\n$8\r\nbob@user\r\n$2\r\n60\r\n$" + token.length() + "\r\n" + token
                    + "\r\n";
            stubborn.getOutputStream().write(sub.getBytes(StandardCharsets.US_ASCII));
            byte[] ready = stubborn.getInputStream().readNBytes(4);
            assertThat(new String(ready, StandardCharsets.US_ASCII)).isEqualTo("+h\r\n");
            String big = "x".repeat(900_000); // 12 of them: more than the kernel buffers (4 MB at most) hold
            for (int i = 0; i < 12; i++) {
                JsonNode pushed = client.postRaw("/app/client/app/user/push", "{\"baseRequest\":{\"token\":\""
                        + appToken + "\"},\"toUserNames\":[\"bob@user\"],\"msgType\":1,\"content\":\"" + big + "\"}");
                assertThat(pushed.path("baseResponse").path("ret").asInt()).as(pushed.toString()).isZero();
            }

            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
                try {
                    return server.stop();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            boolean seen = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            while (!seen && System.nanoTime() < deadline && !exit.isDone()) {
                if (!accepts(tcpPort)) {
                    HttpResponse<String> time = get(httpPort, "/1/time/get");
                    HttpResponse<String> readiness = get(adminPort, "/ready");
                    HttpResponse<String> where = get(httpPort, "/1/server/get?k=bob@user&p=1");
                    assertThat(time.statusCode()).as("the HTTP API still answers while the comet is closed")
                            .isEqualTo(200);
                    assertThat(readiness.statusCode()).isEqualTo(503);
                    assertThat(readiness.body()).contains("comet listeners (WebSocket, TCP) not open");
                    assertThat(where.body()).isEqualTo("{\"ret\":1001,\"errMsg\":\"no WebSocket gateway open on this node\"}");
                    seen = true;
                }
                Thread.sleep(5);
            }
            assertThat(seen).as("the TCP comet refused connections while the HTTP API answered").isTrue();
            stubborn.close(); // the drain goes on
            assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
        }
        assertThat(server.output()).containsSubsequence("draining", "closed: WebSocket gateway and TCP comet",
                "closed: HTTP API and admin", "stopped");
    }

    /**
     * Knocks on {@code port} until it accepts, then at once fetches the mailbox over HTTP: what a client does after a
     * restart (its socket reconnects, then it asks for what it missed).
     */
    private HttpResponse<String> fetchOnceOpen(int port, String token) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(80);
        while (System.nanoTime() < deadline) {
            if (accepts(port)) {
                try {
                    return get(httpPort, "/1/msg/get?k=bob@user&m=0&token=" + token);
                } catch (IOException | InterruptedException e) {
                    throw new AssertionError("port " + port + " accepted, but the HTTP API did not answer: " + e, e);
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("port " + port + " never accepted:\n" + server.output());
    }

    private static boolean accepts(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static HttpResponse<String> get(int port, String pathAndQuery) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Provisions an application, user bob, signs him in and stores a message for him; his token. */
    private String userWithAStoredMessage(Client client) {
        assertThat(client.adminPost("/admin/customers", ServerFixture.ADMIN_KEY, Client.obj().put("id", "c1")
                .put("name", "C1")).statusCode()).isEqualTo(200);
        assertThat(client.adminPost("/admin/tenants", ServerFixture.ADMIN_KEY, Client.obj().put("id", "t1")
                .put("code", "t1").put("name", "T1").put("customerId", "c1")).statusCode()).isEqualTo(200);
        var created = client.adminPost("/admin/applications", ServerFixture.ADMIN_KEY, Client.obj().put("id", "app1")
                .put("name", "App").put("tenantId", "t1"));
        appToken = Client.parse(created.body()).get("token").asText();
        var sync = Client.obj();
        sync.putObject("baseRequest").put("token", appToken);
        sync.put("orgId", "");
        sync.putObject("member").put("uid", "bob").put("name", "bob-login").put("nickName", "Bob")
                .put("password", "bob-pw").put("tenantId", "").put("status", "1").put("email", "bob@example.org");
        assertThat(client.post("/app/client/app/syncUser", sync).path("baseResponse").path("ret").asInt()).isZero();
        var login = Client.obj();
        login.putObject("baseRequest").put("uid", "").put("deviceID", "Android-b").put("deviceType", "Android")
                .put("token", "");
        login.put("userName", "bob-login").put("password", "bob-pw");
        String token = client.post("/app/client/device/login", login).get("token").asText();
        JsonNode pushed = client.postRaw("/app/client/app/user/push", "{\"baseRequest\":{\"token\":\"" + appToken
                + "\"},\"toUserNames\":[\"bob@user\"],\"msgType\":1,\"content\":\"before the restart\"}");
        assertThat(pushed.path("baseResponse").path("ret").asInt()).as(pushed.toString()).isZero();
        return token;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

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
    private String bobToken;

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

    /**
     * The drain closes the comet listeners, then stops the HTTP API: in between (the comet's close handshakes, then
     * the start of the HTTP API's own drain) a client is told there is no comet here but can still fetch.
     */
    @Test
    @Timeout(180)
    void on_sigterm_the_comet_listeners_close_first_while_the_http_api_still_answers() throws Exception {
        server = ServerProcess.start("listener-order", settings);
        userWithAStoredMessage(server.client());
        // a connected WebSocket client, closed by the drain (1001) while the HTTP API still serves
        try (Socket connected = Socket.open(wsPort, "key=bob@user&heartbeat=60&token=" + bobToken)) {
            assertThat(connected.next(15)).isEqualTo("+h\r\n");
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
                try {
                    return server.stop();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            // the first answer of each kind that differs from a running node's, as a client polling would see it
            String firstReady = null;
            String firstWhere = null;
            String httpWhenTcpRefused = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while ((firstReady == null || firstWhere == null || httpWhenTcpRefused == null)
                    && System.nanoTime() < deadline) {
                if (httpWhenTcpRefused == null && !accepts(tcpPort)) {
                    httpWhenTcpRefused = answer(httpPort, "/1/time/get");
                }
                String ready = answer(adminPort, "/ready");
                if (firstReady == null && !ready.startsWith("200 ")) {
                    firstReady = ready;
                }
                String where = answer(httpPort, "/1/server/get?k=bob@user&p=1");
                if (firstWhere == null && !where.contains("\"server\"")) {
                    firstWhere = where;
                }
            }
            assertThat(httpWhenTcpRefused).as("the HTTP API when the TCP comet first refused").startsWith("200 ")
                    .contains("timeid");
            assertThat(firstReady).startsWith("503 ").contains("comet listeners (WebSocket, TCP) not open");
            assertThat(firstWhere).isEqualTo("200 {\"ret\":1001,\"errMsg\":\"no WebSocket gateway open on this node\"}");
            assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
            assertThat(connected.closeReason).isEqualTo("server shutting down");
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

    /** {@code "<status> <body>"}, or {@code "refused"} when nothing answered. */
    private static String answer(int port, String pathAndQuery) {
        try {
            HttpResponse<String> r = get(port, pathAndQuery);
            return r.statusCode() + " " + r.body();
        } catch (IOException e) {
            return "refused";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
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
        bobToken = token;
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

package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.appmsg.bootstrap.AppmsgServer;
import org.appmsg.bootstrap.Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A real server on free ports with one customer, tenant and application and two users (alice, bob),
 * and the client calls the end-to-end tests make over HTTP and WebSocket. Subclasses choose the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerFixture {

    static final String ADMIN_KEY = "e2e-admin-key-0123456789";

    AppmsgServer server;
    Client client;
    Path dataDir;
    String appToken;

    private String mariaDbUrl;
    private String postgresUrl;

    /** The APPMSG_DB_URL for this run; empty = embedded H2 in {@link #dataDir}. */
    abstract String databaseUrl();

    /** A fresh MariaDB database for this class (created on first use), dropped after the server stops. */
    String freshMariaDb() {
        if (mariaDbUrl == null) {
            mariaDbUrl = MariaDb.freshDatabase();
        }
        return mariaDbUrl;
    }

    /** A fresh PostgreSQL database for this class (created on first use), dropped after the server stops. */
    String freshPostgres() {
        if (postgresUrl == null) {
            postgresUrl = Postgres.freshDatabase();
        }
        return postgresUrl;
    }

    void afterStop() {
        if (mariaDbUrl != null) {
            MariaDb.drop(mariaDbUrl);
        }
        if (postgresUrl != null) {
            Postgres.drop(postgresUrl);
        }
    }

    Config config() {
        Map<String, String> env = new HashMap<>();
        env.put("APPMSG_HTTP_PORT", "0");
        env.put("APPMSG_WS_PORT", "0");
        env.put("APPMSG_TCP_PORT", "0");
        env.put("APPMSG_TCP_HOST", "127.0.0.1");
        env.put("APPMSG_ADMIN_PORT", "0");
        env.put("APPMSG_HTTP_HOST", "127.0.0.1");
        env.put("APPMSG_WS_HOST", "127.0.0.1");
        env.put("APPMSG_DATA_DIR", dataDir.toString());
        env.put("APPMSG_DB_URL", databaseUrl());
        env.put("APPMSG_ADMIN_KEY", ADMIN_KEY);
        moreSettings(env);
        return Config.load(env, Optional.empty());
    }

    /** Lets a subclass add or change settings before the server starts. */
    void moreSettings(Map<String, String> env) {}

    @BeforeAll
    void start() throws Exception {
        dataDir = Files.createTempDirectory("appmsg-e2e");
        server = AppmsgServer.start(config());
        client = new Client(server.httpPort(), server.adminPort());
        appToken = provision("c1", "t1", "app1");
        syncUser("alice", "alice-login", "Alice", "alice-pw");
        syncUser("bob", "bob-login", "Bob", "bob-pw");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        afterStop();
    }

    String provision(String customer, String tenant, String app) {
        assertThat(client.adminPost("/admin/customers", ADMIN_KEY, Client.obj().put("id", customer).put("name", "Customer " + customer)).statusCode()).isEqualTo(200);
        assertThat(client.adminPost("/admin/tenants", ADMIN_KEY, Client.obj().put("id", tenant).put("code", tenant).put("name", "Tenant " + tenant).put("customerId", customer)).statusCode()).isEqualTo(200);
        var created = client.adminPost("/admin/applications", ADMIN_KEY, Client.obj().put("id", app).put("name", "App " + app).put("tenantId", tenant));
        assertThat(created.statusCode()).isEqualTo(200);
        return Client.parse(created.body()).get("token").asText();
    }

    JsonNode syncUser(String uid, String login, String nick, String password) {
        var body = Client.obj();
        body.putObject("baseRequest").put("token", appToken);
        body.put("orgId", "");
        body.putObject("member").put("uid", uid).put("name", login).put("nickName", nick).put("password", password)
                .put("tenantId", "").put("status", "1").put("email", uid + "@example.org");
        JsonNode r = client.post("/app/client/app/syncUser", body);
        assertThat(ret(r)).as(r.toString()).isZero();
        return r;
    }

    /** Syncs user {@code name} (login {@code name-login}) and signs it in on device {@code Android-name}; its token. */
    String signedIn(String name) {
        syncUser(name, name + "-login", name, name + "-pw");
        return login(name + "-login", name + "-pw", "Android-" + name);
    }

    String login(String login, String password, String deviceId) {
        var body = Client.obj();
        body.putObject("baseRequest").put("uid", "").put("deviceID", deviceId).put("deviceType", "Android").put("token", "");
        body.put("userName", login).put("password", password);
        JsonNode r = client.post("/app/client/device/login", body);
        assertThat(ret(r)).as(r.toString()).isZero();
        assertThat(r.get("member").has("password")).isFalse();
        return r.get("token").asText();
    }

    JsonNode push(String token, String deviceId, String from, String to, String content) {
        var body = Client.obj();
        body.putObject("baseRequest").put("uid", "").put("deviceID", deviceId).put("deviceType", "Android").put("token", token);
        body.putObject("msg").put("fromUserName", from).put("toUserName", to).put("content", content).put("msgType", 1)
                .put("clientMsgId", content);
        return client.post("/app/client/device/push", body);
    }

    JsonNode fetch(String token, String key, long after, int limit) {
        return client.getJson("/1/msg/get", Map.of("k", key, "m", Long.toString(after), "token", token,
                "limit", Integer.toString(limit)));
    }

    static int ret(JsonNode response) {
        return response.has("baseResponse") ? response.get("baseResponse").get("ret").asInt() : response.get("ret").asInt();
    }

    static String content(String frame) {
        JsonNode msg = Client.parse(frame).get("msg");
        return (msg.isTextual() ? Client.parse(msg.asText()) : msg).get("content").asText();
    }

    static long mid(String frame) {
        return Client.parse(frame).get("mid").asLong();
    }

    /** Mids 1 to {@code count}, as a fresh mailbox that got {@code count} messages numbers them. */
    static List<Long> midsUpTo(long count) {
        List<Long> out = new ArrayList<>();
        for (long m = 1; m <= count; m++) {
            out.add(m);
        }
        return out;
    }

    Socket subscribe(String key, String token, String extra) {
        Socket s = Socket.open(server.wsPort(), "key=" + key + "&heartbeat=30&token=" + token + extra);
        assertThat(s.next(15)).isEqualTo("+h\r\n"); // generous: the test machines are shared and busy
        return s;
    }
}

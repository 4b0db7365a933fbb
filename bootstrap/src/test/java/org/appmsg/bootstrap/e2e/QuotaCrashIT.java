package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Usage counts and {@code kill -9}, as an outsider sees them (docs/quotas.md, *Counting and durability*): a node
 * writes its counts to the ledger every second, so a SIGKILL may lose at most the counts of about the last second,
 * and never more; what was written before survives the restart, on the embedded store.
 */
class QuotaCrashIT {

    private static final String ADMIN_KEY = "quota-crash-admin-key-0123456789";
    private static final int BEFORE_THE_LAST_SECOND = 40;
    private static final int IN_THE_LAST_SECOND = 20;

    private Path dataDir;
    private ServerProcess server;

    @Test
    void a_kill_9_loses_at_most_the_last_second_of_counts_and_the_rest_survives_the_restart() throws Exception {
        dataDir = Files.createTempDirectory("appmsg-quota-crash");
        server = ServerProcess.start("quota-crash", settings());
        Client client = server.client();
        LoadTenant tenant = LoadTenant.provision(client, ADMIN_KEY, 2);
        for (int i = 0; i < BEFORE_THE_LAST_SECOND; i++) {
            assertThat(ret(push(client, tenant, "kept " + i))).isZero();
        }
        Thread.sleep(2_500); // two flushes at least: these counts are in the ledger now
        for (int i = 0; i < IN_THE_LAST_SECOND; i++) {
            assertThat(ret(push(client, tenant, "last second " + i))).isZero();
        }
        server.kill();

        server = ServerProcess.start("quota-crash", settings());
        client = server.client();
        JsonNode usage = Client.parse(client.adminGet("/admin/usage?customerId=lc&from=" + today() + "&to=" + today(),
                ADMIN_KEY).body());
        long pushes = count(usage, "push_cnt", "@app");
        System.out.printf("QuotaCrashIT: %d pushes counted before the last second, %d in it, %d in the ledger after"
                + " SIGKILL and restart%n", BEFORE_THE_LAST_SECOND, IN_THE_LAST_SECOND, pushes);
        assertThat(pushes).as("the ledger after the restart: %s", usage)
                .isBetween((long) BEFORE_THE_LAST_SECOND, (long) BEFORE_THE_LAST_SECOND + IN_THE_LAST_SECOND);
        assertThat(count(usage, "api_cnt", "/app/client/app/user/push")).as("calls, like pushes")
                .isBetween((long) BEFORE_THE_LAST_SECOND, (long) BEFORE_THE_LAST_SECOND + IN_THE_LAST_SECOND);
        assertThat(server.stop()).isZero();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (server != null) {
            server.destroy();
        }
        if (dataDir != null) {
            try (var files = Files.walk(dataDir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private Map<String, String> settings() {
        Map<String, String> env = new HashMap<>(ServerProcess.loopbackOnFreePorts());
        env.put("APPMSG_DATA_DIR", dataDir.toString());
        env.put("APPMSG_ADMIN_KEY", ADMIN_KEY);
        env.put("APPMSG_PASSWORD_ITERATIONS", "10000");
        return env;
    }

    private static JsonNode push(Client client, LoadTenant tenant, String content) {
        var body = Client.obj();
        body.putObject("baseRequest").put("token", tenant.appToken());
        body.putArray("toUserNames").add(tenant.users().get(0) + "@user");
        body.put("msgType", 1).put("content", content);
        return client.post("/app/client/app/user/push", body);
    }

    private static int ret(JsonNode response) {
        return response.get("baseResponse").get("ret").asInt();
    }

    private static String today() {
        return LocalDate.now(ZoneOffset.UTC).toString();
    }

    private static long count(JsonNode report, String counter, String key) {
        long sum = 0;
        for (JsonNode r : report.get("rows")) {
            if (r.get("counter").asText().equals(counter) && r.get("key").asText().equals(key)) {
                sum += r.get("count").asLong();
            }
        }
        return sum;
    }
}

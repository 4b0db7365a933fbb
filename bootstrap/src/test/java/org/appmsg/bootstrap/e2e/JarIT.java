package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar as an operator runs it: no configuration besides free ports and a data dir, one log
 * line per listener, an admin key generated once on first start, SIGTERM drains and exits 0.
 */
class JarIT {

    private static final Pattern KEY = Pattern.compile("generated the admin key .*: (\\S+)\"");

    @Test
    void starts_with_defaults_generates_the_admin_key_once_and_drains_on_sigterm() throws Exception {
        Path data = Files.createTempDirectory("appmsg-jar");
        ServerProcess first = ServerProcess.start("JarIT", settings(data));
        assertThat(first.lines()).filteredOn(l -> l.contains("listening:")).hasSize(4);
        String adminKey = adminKey(first);
        assertThat(adminKey).isNotEmpty();
        Client client = first.client();
        assertThat(client.adminGet("/health").statusCode()).isEqualTo(200);
        assertThat(client.adminPost("/admin/customers", adminKey, Client.obj().put("name", "ACME")).statusCode())
                .isEqualTo(200);

        assertThat(first.stop()).as("exit status after SIGTERM").isZero();
        assertThat(first.lines()).anyMatch(l -> l.contains("stopped"));

        ServerProcess second = ServerProcess.start("JarIT", settings(data));
        assertThat(second.lines()).noneMatch(l -> l.contains("generated the admin key"));
        assertThat(second.client().adminPost("/admin/customers", adminKey, Client.obj().put("name", "ACME 2"))
                .statusCode()).as("the first key still works").isEqualTo(200);
        assertThat(second.stop()).isZero();
    }

    /** Free ports and the data dir, nothing else: every other setting is the default. */
    private static Map<String, String> settings(Path data) {
        Map<String, String> env = new HashMap<>();
        env.put("APPMSG_HTTP_PORT", "0");
        env.put("APPMSG_WS_PORT", "0");
        env.put("APPMSG_TCP_PORT", "0");
        env.put("APPMSG_ADMIN_PORT", "0");
        env.put("APPMSG_DATA_DIR", data.toString());
        return env;
    }

    private static String adminKey(ServerProcess server) {
        for (String l : server.lines()) {
            Matcher m = KEY.matcher(l);
            if (m.find()) {
                return m.group(1);
            }
        }
        return "";
    }
}

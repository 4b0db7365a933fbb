package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.appmsg.bootstrap.AppmsgServer;
import org.junit.jupiter.api.Test;

/** What was acknowledged survives a restart of the embedded server on the same data dir. */
class RestartIT extends ServerFixture {

    @Override
    String databaseUrl() {
        return "";
    }

    @Test
    void acknowledged_messages_users_and_tokens_survive_a_restart() {
        String alice = login("alice-login", "alice-pw", "Android-a1");
        String bob = login("bob-login", "bob-pw", "iOS-b1");
        JsonNode ack = push(alice, "Android-a1", "alice@user", "bob@user", "before restart");
        assertThat(ret(ack)).isZero();

        server.close();
        server = AppmsgServer.start(config());
        client = new Client(server.httpPort(), server.adminPort());

        JsonNode page = fetch(bob, "bob@user", 0, 100);
        assertThat(page.get("data").get("msgs").get(0).get("msg").get("content").asText()).isEqualTo("before restart");
        assertThat(ret(push(alice, "Android-a1", "alice@user", "bob@user", "after restart"))).isZero();
        assertThat(fetch(bob, "bob@user", 0, 100).get("data").get("msgs").get(1).get("mid").asLong()).isEqualTo(2);
    }
}

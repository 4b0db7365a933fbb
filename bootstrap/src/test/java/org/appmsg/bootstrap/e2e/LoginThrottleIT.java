package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Password guessing against the real server, as an attacker behind the configured reverse proxy
 * (127.0.0.1, whose X-Forwarded-For names the client) would try it: one account from one address, one account
 * from many addresses, many accounts from one address. Each is refused with 65536 after a few failures, the
 * owner keeps signing in from an address he used before, and a success clears his own count.
 */
class LoginThrottleIT extends ServerFixture {

    private static final String LOGIN = "/app/client/device/login";
    private static final String THROTTLED = "too many failed logins; retry in \\d+ s";

    @Override
    String databaseUrl() {
        return "";
    }

    @Override
    void moreSettings(Map<String, String> env) {
        env.put("APPMSG_TRUSTED_PROXIES", "127.0.0.1");
        env.put("APPMSG_PASSWORD_ITERATIONS", "10000");
        env.put("APPMSG_LOGIN_LOCK", "3"); // long enough that a slow machine still sees each lock
    }

    private JsonNode attempt(String from, String user, String password) {
        var body = Client.obj();
        body.putObject("baseRequest").put("deviceID", "Android-x1").put("deviceType", "Android");
        body.put("userName", user).put("password", password);
        return client.postFrom(from, LOGIN, body);
    }

    private static String errMsg(JsonNode response) {
        return response.get("baseResponse").get("errMsg").asText();
    }

    @Test
    void guessing_one_password_from_one_address_is_refused_after_five_failures_and_cleared_by_a_success()
            throws Exception {
        syncUser("erin", "erin-login", "Erin", "erin-pw");
        String attacker = "203.0.113.7";
        for (int i = 1; i <= 6; i++) {
            JsonNode r = attempt(attacker, "erin-login", "guess-" + i);
            assertThat(ret(r)).as("guess %d: %s", i, r).isEqualTo(65539);
            assertThat(errMsg(r)).isEqualTo("auth failed");
        }
        int checked = 0;
        for (int i = 0; i < 30; i++) {
            JsonNode r = attempt(attacker, "erin-login", "fast-guess-" + i);
            if (ret(r) == 65539) {
                checked++;
            } else {
                assertThat(ret(r)).as(r.toString()).isEqualTo(65536);
                assertThat(errMsg(r)).matches(THROTTLED);
            }
        }
        assertThat(checked).as("guesses whose password was checked at all").isLessThanOrEqualTo(1);
        assertThat(ret(attempt(attacker, "erin-login", "erin-pw"))).as("locked: even the right password waits")
                .isEqualTo(65536);

        Thread.sleep(retryAfter(attempt(attacker, "erin-login", "erin-pw")) * 1000L + 300);
        assertThat(ret(attempt(attacker, "erin-login", "erin-pw"))).as("after the lock").isZero();
        for (int i = 1; i <= 5; i++) {
            assertThat(ret(attempt(attacker, "erin-login", "again-" + i))).as("a success cleared the count").isEqualTo(65539);
        }
    }

    @Test
    void the_owner_signs_in_from_a_known_address_while_many_addresses_guess_his_password() {
        syncUser("fred", "fred-login", "Fred", "fred-pw");
        String home = "198.51.100.2";
        assertThat(ret(attempt(home, "fred-login", "fred-pw"))).isZero();

        int refused = 0;
        for (int i = 1; i <= 40; i++) {
            JsonNode r = attempt("203.0.113." + (100 + i), "fred-login", "guess-" + i);
            if (ret(r) == 65536) {
                refused++;
            } else {
                assertThat(ret(r)).as(r.toString()).isEqualTo(65539);
            }
        }
        assertThat(refused).as("guesses refused once the account had 20 failures").isGreaterThanOrEqualTo(15);
        assertThat(ret(attempt("192.0.2.99", "fred-login", "fred-pw"))).as("a new address waits too").isEqualTo(65536);
        assertThat(ret(attempt(home, "fred-login", "fred-pw"))).as("the owner's known address").isZero();
    }

    @Test
    void spraying_many_accounts_from_one_address_locks_that_address_but_not_its_known_users() {
        syncUser("gina", "gina-login", "Gina", "gina-pw");
        String office = "203.0.113.50";
        assertThat(ret(attempt(office, "gina-login", "gina-pw"))).isZero();

        int refused = 0;
        for (int i = 1; i <= 62; i++) {
            JsonNode r = attempt(office, "someone-" + i, "password1");
            refused += ret(r) == 65536 ? 1 : 0;
        }
        assertThat(refused).as("attempts refused once the address had 50 failures").isGreaterThanOrEqualTo(10);
        assertThat(ret(attempt(office, "bob-login", "bob-pw"))).as("a user new to this address waits").isEqualTo(65536);
        assertThat(ret(attempt(office, "gina-login", "gina-pw"))).as("a user known at this address").isZero();
        assertThat(ret(attempt("198.51.100.9", "bob-login", "bob-pw"))).as("other addresses are not affected").isZero();
    }

    @Test
    void an_unknown_account_is_throttled_exactly_like_a_real_one_and_the_metrics_count_refusals() {
        String from = "203.0.113.8";
        JsonNode lastGhost = null;
        JsonNode lastReal = null;
        for (int i = 1; i <= 7; i++) {
            lastGhost = attempt(from, "ghost-login", "guess-" + i);
            lastReal = attempt(from, "alice-login", "guess-" + i);
        }
        assertThat(ret(lastGhost)).isEqualTo(65536).isEqualTo(ret(lastReal));
        assertThat(errMsg(lastGhost)).isEqualTo(errMsg(lastReal));

        String metrics = client.adminGet("/metrics").body();
        assertThat(metrics).containsPattern("(?m)^appmsg_login_throttled_total [1-9]");
        assertThat(metrics).contains("route=\"/app/client/device/login\",status=\"200\",ret=\"65536\"");
    }

    private static int retryAfter(JsonNode throttled) {
        String text = errMsg(throttled);
        assertThat(text).matches(THROTTLED);
        return Integer.parseInt(text.replaceAll("\\D", ""));
    }
}

package org.appmsg.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.appmsg.application.port.out.LoginAttempts;
import org.appmsg.domain.auth.LoginThrottle.Failures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link LoginAttempts} store does. */
public abstract class LoginAttemptsContract {

    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    private LoginAttempts attempts;

    /** A fresh, empty store, asked for before each test. */
    protected abstract LoginAttempts attempts();

    @BeforeEach
    void setUpAttempts() {
        attempts = attempts();
    }

    private static Failures plusOne(Failures f, Instant at) {
        return new Failures(f.count() + 1, at);
    }

    @Test
    void an_unknown_key_has_no_failures_and_no_sign_in() {
        assertThat(attempts.failures("account u1")).isEqualTo(Failures.NONE);
        assertThat(attempts.lastSignIn("account u1 from 203.0.113.7")).isEmpty();
    }

    @Test
    void a_failure_replaces_the_count_with_what_the_rule_makes_of_it() {
        assertThat(attempts.fail("account u1", f -> plusOne(f, T0))).isEqualTo(new Failures(1, T0));
        assertThat(attempts.fail("account u1", f -> plusOne(f, T0.plusSeconds(1)))).isEqualTo(new Failures(2, T0.plusSeconds(1)));
        assertThat(attempts.failures("account u1")).isEqualTo(new Failures(2, T0.plusSeconds(1)));
        assertThat(attempts.failures("account u2")).as("keys are independent").isEqualTo(Failures.NONE);
    }

    @Test
    void concurrent_failures_of_one_key_are_all_counted() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 250; i++) {
                        attempts.fail("address 198.51.100.1", f -> plusOne(f, T0));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(attempts.failures("address 198.51.100.1").count()).isEqualTo(2000);
    }

    @Test
    void a_sign_in_forgets_the_keys_failures_and_is_remembered() {
        String pair = "account u1 from 203.0.113.7";
        attempts.fail(pair, f -> plusOne(f, T0));
        attempts.fail("account u1", f -> plusOne(f, T0));

        attempts.signedIn(pair, T0.plusSeconds(5));

        assertThat(attempts.failures(pair)).isEqualTo(Failures.NONE);
        assertThat(attempts.lastSignIn(pair)).contains(T0.plusSeconds(5));
        assertThat(attempts.failures("account u1")).as("other keys keep theirs").isEqualTo(new Failures(1, T0));

        attempts.fail(pair, f -> plusOne(f, T0.plusSeconds(9)));
        assertThat(attempts.lastSignIn(pair)).as("a later failure keeps the sign-in").contains(T0.plusSeconds(5));
    }
}

package org.appmsg.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.appmsg.application.contract.LoginAttemptsContract;
import org.appmsg.application.port.out.LoginAttempts;
import org.appmsg.domain.auth.LoginThrottle.Failures;
import org.junit.jupiter.api.Test;

class LocalLoginAttemptsTest extends LoginAttemptsContract {

    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    @Override
    protected LoginAttempts attempts() {
        return new LocalLoginAttempts(10_000);
    }

    @Test
    void spraying_keys_never_holds_more_than_the_capacity_and_keeps_the_recently_used() {
        LocalLoginAttempts small = new LocalLoginAttempts(100);
        small.fail("account victim", f -> new Failures(9, T0));
        for (int i = 0; i < 1_000; i++) {
            small.fail("address 203.0.113." + i, f -> new Failures(1, T0));
            if (i % 50 == 0) {
                small.failures("account victim"); // in use: kept
            }
        }
        assertThat(small.size()).isEqualTo(100);
        assertThat(small.failures("account victim")).isEqualTo(new Failures(9, T0));
        assertThat(small.failures("address 203.0.113.0")).as("the least recently used went first").isEqualTo(Failures.NONE);
    }
}

package org.appmsg.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.appmsg.domain.auth.LoginThrottle;
import org.appmsg.domain.auth.LoginThrottle.Allowance;
import org.appmsg.domain.auth.LoginThrottle.Failures;
import org.appmsg.domain.auth.LoginThrottle.Scope;
import org.appmsg.domain.auth.LoginThrottle.Standing;
import org.appmsg.domain.auth.LoginThrottle.Verdict;
import org.appmsg.domain.shared.RetrySchedule;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    /** 5 per account from an address, 20 per account, 50 per address; 1 s doubling to 15 min; forgotten after 1 h. */
    private final LoginThrottle throttle = new LoginThrottle(new Allowance(5, 20, 50),
            new RetrySchedule(Duration.ofSeconds(1), Duration.ofMinutes(15)), Duration.ofHours(1), Duration.ofDays(30));

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private Failures failures(int count, Instant start) {
        Failures f = Failures.NONE;
        for (int i = 0; i < count; i++) {
            f = throttle.afterFailure(f, start);
        }
        return f;
    }

    private Verdict check(Failures pair, Failures account, Failures address, boolean known, Instant now) {
        return throttle.check(new Standing(pair, account, address, known), now);
    }

    private Verdict pairOnly(Failures pair, Instant now) {
        return check(pair, Failures.NONE, Failures.NONE, false, now);
    }

    @Test
    void the_first_five_failures_of_an_account_from_one_address_lock_nothing() {
        assertThat(pairOnly(Failures.NONE, T0)).isEqualTo(new Verdict.Open());
        assertThat(pairOnly(failures(5, T0), T0)).isEqualTo(new Verdict.Open());
        assertThat(throttle.locked(Scope.ACCOUNT_FROM_ADDRESS, failures(5, T0), T0)).isEmpty();
    }

    @Test
    void each_further_failure_locks_twice_as_long_up_to_the_longest_lock() {
        assertThat(pairOnly(failures(6, T0), T0)).isEqualTo(new Verdict.Locked(Scope.ACCOUNT_FROM_ADDRESS, at(1)));
        assertThat(pairOnly(failures(7, T0), T0)).isEqualTo(new Verdict.Locked(Scope.ACCOUNT_FROM_ADDRESS, at(2)));
        assertThat(pairOnly(failures(8, T0), T0)).isEqualTo(new Verdict.Locked(Scope.ACCOUNT_FROM_ADDRESS, at(4)));
        assertThat(pairOnly(failures(20, T0), T0)).as("2^14 s is more than the longest lock")
                .isEqualTo(new Verdict.Locked(Scope.ACCOUNT_FROM_ADDRESS, at(15 * 60)));
        assertThat(pairOnly(failures(10_000, T0), T0))
                .isEqualTo(new Verdict.Locked(Scope.ACCOUNT_FROM_ADDRESS, at(15 * 60)));
    }

    @Test
    void a_lock_ends_by_itself_and_the_next_failure_locks_again_for_longer() {
        Failures six = failures(6, T0);
        assertThat(pairOnly(six, at(1))).as("ended at its end").isEqualTo(new Verdict.Open());

        Failures seven = throttle.afterFailure(six, at(1));
        assertThat(seven).isEqualTo(new Failures(7, at(1)));
        assertThat(throttle.locked(Scope.ACCOUNT_FROM_ADDRESS, seven, at(1)))
                .contains(new Verdict.Locked(Scope.ACCOUNT_FROM_ADDRESS, at(3)));
    }

    @Test
    void failures_are_forgotten_an_hour_after_the_last_one() {
        Failures many = failures(30, T0);
        assertThat(pairOnly(many, at(15 * 60))).as("the longest lock is over").isEqualTo(new Verdict.Open());
        assertThat(throttle.afterFailure(many, at(3599))).isEqualTo(new Failures(31, at(3599)));
        assertThat(throttle.afterFailure(many, at(3600))).as("forgotten: counting starts again")
                .isEqualTo(new Failures(1, at(3600)));
    }

    @Test
    void guessing_one_account_from_many_addresses_locks_the_account_for_unknown_addresses_only() {
        Failures account = failures(21, T0);

        assertThat(check(Failures.NONE, account, Failures.NONE, false, T0))
                .isEqualTo(new Verdict.Locked(Scope.ACCOUNT, at(1)));
        assertThat(check(Failures.NONE, account, Failures.NONE, true, T0)).as("the owner's known address")
                .isEqualTo(new Verdict.Open());
        assertThat(check(Failures.NONE, failures(20, T0), Failures.NONE, false, T0)).isEqualTo(new Verdict.Open());
    }

    @Test
    void spraying_many_accounts_from_one_address_locks_the_address_for_accounts_new_to_it() {
        Failures address = failures(52, T0);

        assertThat(check(Failures.NONE, Failures.NONE, address, false, T0))
                .isEqualTo(new Verdict.Locked(Scope.ADDRESS, at(2)));
        assertThat(check(Failures.NONE, Failures.NONE, address, true, T0)).isEqualTo(new Verdict.Open());
    }

    @Test
    void the_strict_count_holds_at_a_known_address_and_the_lock_ending_last_is_reported() {
        assertThat(check(failures(6, T0), failures(40, T0), failures(60, T0), true, T0))
                .isEqualTo(new Verdict.Locked(Scope.ACCOUNT_FROM_ADDRESS, at(1)));
        assertThat(check(failures(6, T0), failures(25, T0), failures(51, T0), false, T0))
                .as("account: 2^4 s; address: 1 s; pair: 1 s")
                .isEqualTo(new Verdict.Locked(Scope.ACCOUNT, at(16)));
    }

    @Test
    void an_address_stays_known_for_thirty_days_after_a_sign_in() {
        assertThat(throttle.remembers(T0, T0.plus(Duration.ofDays(30)).minusSeconds(1))).isTrue();
        assertThat(throttle.remembers(T0, T0.plus(Duration.ofDays(30)))).isFalse();
    }

    @Test
    void the_client_is_told_whole_seconds_rounded_up() {
        var lock = new Verdict.Locked(Scope.ACCOUNT, at(2));
        assertThat(lock.retryAfterSeconds(T0)).isEqualTo(2);
        assertThat(lock.retryAfterSeconds(T0.plusMillis(1500))).isEqualTo(1);
        assertThat(lock.retryAfterSeconds(T0.plusMillis(200))).isEqualTo(2);
        assertThat(lock.retryAfterSeconds(at(2))).as("at least one").isEqualTo(1);
    }

    @Test
    void counts_must_outlive_the_longest_lock() {
        assertThatThrownBy(() -> new LoginThrottle(new Allowance(5, 20, 50),
                new RetrySchedule(Duration.ofSeconds(1), Duration.ofMinutes(15)), Duration.ofMinutes(5), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Allowance(0, 20, 50)).isInstanceOf(IllegalArgumentException.class);
    }
}

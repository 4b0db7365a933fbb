package org.appmsg.application.service;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.appmsg.application.port.out.LoginAttempts;
import org.appmsg.domain.auth.LoginThrottle;
import org.appmsg.domain.auth.LoginThrottle.Failures;
import org.appmsg.domain.auth.LoginThrottle.Scope;
import org.appmsg.domain.auth.LoginThrottle.Verdict;
import org.appmsg.domain.net.SourceAddress;
import org.appmsg.domain.shared.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login throttle's bookkeeping for {@link LoginService}: reads an attempt's three counts from
 * {@link LoginAttempts}, lets {@link LoginThrottle} decide, records failures and sign-ins, logs every lock once when
 * a failure starts it (one WARN line per throttled source, never per refused attempt), and counts refusals.
 */
final class LoginGuard {

    private static final Logger log = LoggerFactory.getLogger(LoginGuard.class);

    private final LoginThrottle rule;
    private final LoginAttempts attempts;
    private final LongAdder refused = new LongAdder();

    LoginGuard(LoginThrottle rule, LoginAttempts attempts) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.attempts = Objects.requireNonNull(attempts, "attempts");
    }

    /**
     * One login attempt: {@code account} is the user's id when the login name resolved to a user, else the name as
     * typed (prefixed so that it never equals an id), so that guessing on a name that does not exist is slowed
     * exactly like guessing on one that does.
     */
    record Attempt(String account, SourceAddress address) {
        static Attempt of(String userIdOrEmpty, String loginName, SourceAddress address) {
            return new Attempt(userIdOrEmpty.isEmpty() ? "?" + loginName : userIdOrEmpty, address);
        }

        String key(Scope scope) {
            return switch (scope) {
                case ACCOUNT_FROM_ADDRESS -> "account " + account + " from " + address;
                case ACCOUNT -> "account " + account;
                case ADDRESS -> "address " + address;
            };
        }

        /** {@link #key} for the log: a typed name is clipped and stripped of control characters. */
        String describe(Scope scope) {
            String who = Text.clip(account);
            return switch (scope) {
                case ACCOUNT_FROM_ADDRESS -> "account " + who + " from " + address;
                case ACCOUNT -> "account " + who;
                case ADDRESS -> "address " + address;
            };
        }
    }

    Verdict check(Attempt attempt, Instant now) {
        String pair = attempt.key(Scope.ACCOUNT_FROM_ADDRESS);
        boolean known = attempts.lastSignIn(pair).map(at -> rule.remembers(at, now)).orElse(false);
        Verdict verdict = rule.check(new LoginThrottle.Standing(attempts.failures(pair),
                attempts.failures(attempt.key(Scope.ACCOUNT)), attempts.failures(attempt.key(Scope.ADDRESS)), known), now);
        if (verdict instanceof Verdict.Locked) {
            refused.increment();
        }
        return verdict;
    }

    void failed(Attempt attempt, Instant now) {
        for (Scope scope : Scope.values()) {
            Failures counted = attempts.fail(attempt.key(scope), f -> rule.afterFailure(f, now));
            rule.locked(scope, counted, now).ifPresent(lock -> log.warn(
                    "login throttled: {} locked for {} s after {} failed logins{}", attempt.describe(scope),
                    lock.retryAfterSeconds(now), counted.count(), switch (scope) {
                        case ACCOUNT_FROM_ADDRESS -> "";
                        case ACCOUNT -> " (not for addresses it signed in from before)";
                        case ADDRESS -> " (not for accounts that signed in from it before)";
                    }));
        }
    }

    void signedIn(Attempt attempt, Instant now) {
        attempts.signedIn(attempt.key(Scope.ACCOUNT_FROM_ADDRESS), now);
    }

    /** Attempts refused while locked, since the start. */
    long refusedTotal() {
        return refused.sum();
    }
}

package org.appmsg.domain.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.appmsg.domain.shared.RetrySchedule;

/**
 * When password guessing must wait (docs/security.md). Three counts of failed logins are kept:
 *
 * <ul>
 *   <li>{@link Scope#ACCOUNT_FROM_ADDRESS}, one account from one address: strict, it always applies;
 *   <li>{@link Scope#ACCOUNT}, one account from any address: guessing spread over many addresses;
 *   <li>{@link Scope#ADDRESS}, one address over any account: one password tried on many accounts.
 * </ul>
 *
 * <p>After {@code free} failures of a count, each further failure locks its scope for the next entry of
 * {@code locks} (first, doubling, at most max), counted from that failure. A lock ends by itself: nobody is locked
 * out for good, and a guesser gets one try per lock. Attempts refused while locked are not failures (no password
 * was checked). A count is forgotten {@code forgetAfter} after its last failure.
 *
 * <p>The account and address counts do not apply where the account signed in successfully from the address within
 * {@code knownFor} ({@link Standing#known()}): an attacker who guesses from elsewhere cannot keep the owner out of
 * the devices and networks he uses, while the strict count still holds for anyone at that address. A success
 * clears the account-from-address count only, so that an attacker gains nothing from the owner signing in.
 *
 * <p>Pure: time comes in as an argument; the counts live in a store the caller keeps.
 */
public record LoginThrottle(Allowance free, RetrySchedule locks, Duration forgetAfter, Duration knownFor) {

    /** Failed logins allowed per count before each further one locks. */
    public record Allowance(int accountFromAddress, int account, int address) {
        public Allowance {
            if (accountFromAddress < 1 || account < 1 || address < 1) {
                throw new IllegalArgumentException("every allowance must be at least 1");
            }
        }
    }

    /** What a count covers. */
    public enum Scope {
        ACCOUNT_FROM_ADDRESS,
        ACCOUNT,
        ADDRESS
    }

    /** One count: {@code count} failed logins, the last at {@code last}. */
    public record Failures(int count, Instant last) {
        /** No failure (also what a forgotten count reads as). */
        public static final Failures NONE = new Failures(0, Instant.EPOCH);

        public Failures {
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative: " + count);
            }
            Objects.requireNonNull(last, "last");
        }
    }

    /**
     * The counts of one attempt: its account from its address, its account, its address; {@code known} when the
     * account signed in from the address recently enough ({@link #remembers}).
     */
    public record Standing(Failures accountFromAddress, Failures account, Failures address, boolean known) {
        public Standing {
            Objects.requireNonNull(accountFromAddress, "accountFromAddress");
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(address, "address");
        }
    }

    /** Whether an attempt may check its password now. */
    public sealed interface Verdict {
        record Open() implements Verdict {}

        /** Refused without checking the password: {@code scope} is locked until {@code until}. */
        record Locked(Scope scope, Instant until) implements Verdict {
            public Locked {
                Objects.requireNonNull(scope, "scope");
                Objects.requireNonNull(until, "until");
            }

            /** Whole seconds to wait from {@code now}, at least 1: what the client is told. */
            public long retryAfterSeconds(Instant now) {
                Duration left = Duration.between(now, until);
                return Math.max(1, left.getSeconds() + (left.getNano() > 0 ? 1 : 0));
            }
        }
    }

    public LoginThrottle {
        Objects.requireNonNull(free, "free");
        Objects.requireNonNull(locks, "locks");
        Objects.requireNonNull(forgetAfter, "forgetAfter");
        Objects.requireNonNull(knownFor, "knownFor");
        if (forgetAfter.compareTo(locks.max()) < 0) {
            throw new IllegalArgumentException("failures must be remembered at least as long as the longest lock");
        }
        if (knownFor.isNegative() || knownFor.isZero()) {
            throw new IllegalArgumentException("knownFor must be positive");
        }
    }

    /** Open, or the lock that ends last among those that apply to {@code standing}. */
    public Verdict check(Standing standing, Instant now) {
        Stream<Optional<Verdict.Locked>> locks = standing.known()
                ? Stream.of(locked(Scope.ACCOUNT_FROM_ADDRESS, standing.accountFromAddress(), now))
                : Stream.of(locked(Scope.ACCOUNT_FROM_ADDRESS, standing.accountFromAddress(), now),
                        locked(Scope.ACCOUNT, standing.account(), now),
                        locked(Scope.ADDRESS, standing.address(), now));
        Optional<Verdict.Locked> latest = locks.flatMap(Optional::stream).max(Comparator.comparing(Verdict.Locked::until));
        return latest.isPresent() ? latest.get() : new Verdict.Open();
    }

    /** The count after one more failure at {@code now}; a forgotten count starts again at 1. */
    public Failures afterFailure(Failures failures, Instant now) {
        return forgotten(failures, now) ? new Failures(1, now) : new Failures(failures.count() + 1, now);
    }

    /**
     * The lock {@code failures} puts on {@code scope} at {@code now}, if any: right after a failure, whether that
     * failure started one (what is logged).
     */
    public Optional<Verdict.Locked> locked(Scope scope, Failures failures, Instant now) {
        int over = failures.count() - allowance(scope);
        if (over <= 0 || forgotten(failures, now)) {
            return Optional.empty();
        }
        Instant until = failures.last().plus(locks.delayAfter(over));
        return until.isAfter(now) ? Optional.of(new Verdict.Locked(scope, until)) : Optional.empty();
    }

    /** Whether a successful login at {@code lastSignIn} still makes its address known to its account. */
    public boolean remembers(Instant lastSignIn, Instant now) {
        return now.isBefore(lastSignIn.plus(knownFor));
    }

    private int allowance(Scope scope) {
        return switch (scope) {
            case ACCOUNT_FROM_ADDRESS -> free.accountFromAddress();
            case ACCOUNT -> free.account();
            case ADDRESS -> free.address();
        };
    }

    private boolean forgotten(Failures failures, Instant now) {
        return failures.count() == 0 || !now.isBefore(failures.last().plus(forgetAfter));
    }
}

package org.appmsg.application.port.out;

import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.appmsg.domain.auth.LoginThrottle.Failures;

/**
 * The counts behind the login throttle ({@link org.appmsg.domain.auth.LoginThrottle}): failed logins and the last
 * successful one, by key (the caller builds the keys: an account, an address, an account from an address).
 *
 * <p>A store keeps a bounded number of keys, or keeps each only as long as the throttle can still use it, and may
 * forget the rest; a forgotten key reads as no failure and no sign-in. A node alone keeps them in memory; the
 * nodes of a cluster share them (in Redis), so attempts spread over the nodes count as on one. Thread-safe;
 * {@link #fail} is atomic per key, also across the nodes that share a store.
 */
public interface LoginAttempts {

    /** The failures counted under {@code key}; {@link Failures#NONE} when there are none. */
    Failures failures(String key);

    /** Replaces the failures under {@code key} with {@code count} applied to them, atomically, and returns them. */
    Failures fail(String key, UnaryOperator<Failures> count);

    /** A successful login under {@code key} at {@code at}: its failures are forgotten and the time is kept. */
    void signedIn(String key, Instant at);

    /** When the last successful login under {@code key} was, while the store remembers it. */
    Optional<Instant> lastSignIn(String key);
}

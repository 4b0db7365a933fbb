package org.appmsg.application.port.out;

import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.appmsg.domain.auth.LoginThrottle.Failures;

/**
 * The counts behind the login throttle ({@link org.appmsg.domain.auth.LoginThrottle}): failed logins and the last
 * successful one, by key (the caller builds the keys: an account, an address, an account from an address).
 *
 * <p>A store keeps a bounded number of keys and may forget the least recently used ones; a forgotten key reads as
 * no failure and no sign-in. Keys of this node only, in memory, until the cluster release shares them (Redis).
 * Thread-safe; {@link #fail} is atomic per key.
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

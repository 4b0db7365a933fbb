package org.appmsg.application.fake;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.appmsg.application.port.out.LoginAttempts;
import org.appmsg.domain.auth.LoginThrottle.Failures;

/** {@link LoginAttempts} in two maps, unbounded (tests hold few keys). */
public final class InMemoryLoginAttempts implements LoginAttempts {

    private final Map<String, Failures> failures = new HashMap<>();
    private final Map<String, Instant> signIns = new HashMap<>();

    @Override
    public synchronized Failures failures(String key) {
        return failures.getOrDefault(key, Failures.NONE);
    }

    @Override
    public synchronized Failures fail(String key, UnaryOperator<Failures> count) {
        Failures next = count.apply(failures(key));
        failures.put(key, next);
        return next;
    }

    @Override
    public synchronized void signedIn(String key, Instant at) {
        failures.remove(key);
        signIns.put(key, at);
    }

    @Override
    public synchronized Optional<Instant> lastSignIn(String key) {
        return Optional.ofNullable(signIns.get(key));
    }
}

package org.appmsg.adapter.persistence;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.appmsg.application.port.out.LoginAttempts;
import org.appmsg.domain.auth.LoginThrottle.Failures;

/**
 * {@link LoginAttempts} in this node's memory, bounded: at most {@code capacity} keys, the least recently used
 * forgotten first. One lock: logins are few (each costs a slow password hash), and every operation is a map access.
 * Forgetting is the bound's price: to push a locked key out, an attacker must first make about {@code capacity / 3}
 * failed logins from addresses and accounts that are not locked themselves (docs/security.md).
 */
final class LocalLoginAttempts implements LoginAttempts {

    private final Map<String, Counted> entries;

    LocalLoginAttempts(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Counted> eldest) {
                return size() > capacity;
            }
        };
    }

    /** A key's failures and, for a key that signed in, when (else null: never, as far as this node knows). */
    private record Counted(Failures failures, Instant signedIn) {}

    @Override
    public synchronized Failures failures(String key) {
        Counted e = entries.get(key);
        return e == null ? Failures.NONE : e.failures();
    }

    @Override
    public synchronized Failures fail(String key, UnaryOperator<Failures> count) {
        Counted e = entries.get(key);
        Failures next = count.apply(e == null ? Failures.NONE : e.failures());
        entries.put(key, new Counted(next, e == null ? null : e.signedIn()));
        return next;
    }

    @Override
    public synchronized void signedIn(String key, Instant at) {
        entries.put(key, new Counted(Failures.NONE, at));
    }

    @Override
    public synchronized Optional<Instant> lastSignIn(String key) {
        Counted e = entries.get(key);
        return e == null ? Optional.empty() : Optional.ofNullable(e.signedIn());
    }

    synchronized int size() {
        return entries.size();
    }
}

package org.appmsg.application.fake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicInteger;
import org.appmsg.application.port.out.PasswordHasher;
import org.appmsg.domain.auth.PasswordHash;

/**
 * A fast stand-in with the same contract: "hashed:" + password; anything else is a legacy verbatim value. Counts
 * the checks, so that a test can tell whether a password was checked at all.
 */
public final class PlainPasswordHasher implements PasswordHasher {

    private static final String PREFIX = "hashed:";

    private final AtomicInteger checks = new AtomicInteger();

    @Override
    public PasswordHash hash(String password) {
        return new PasswordHash(PREFIX + password);
    }

    @Override
    public boolean matches(String password, PasswordHash stored) {
        checks.incrementAndGet();
        String expected = stored.encoded().startsWith(PREFIX) ? PREFIX + password : password;
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                stored.encoded().getBytes(StandardCharsets.UTF_8));
    }

    /** Calls of {@link #matches} so far. */
    public int checks() {
        return checks.get();
    }

    @Override
    public boolean needsRehash(PasswordHash stored) {
        return !stored.encoded().startsWith(PREFIX);
    }
}

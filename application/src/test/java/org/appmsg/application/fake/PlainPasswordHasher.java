package org.appmsg.application.fake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.appmsg.application.port.out.PasswordHasher;
import org.appmsg.domain.auth.PasswordHash;

/** A fast stand-in with the same contract: "hashed:" + password; anything else is a legacy verbatim value. */
public final class PlainPasswordHasher implements PasswordHasher {

    private static final String PREFIX = "hashed:";

    @Override
    public PasswordHash hash(String password) {
        return new PasswordHash(PREFIX + password);
    }

    @Override
    public boolean matches(String password, PasswordHash stored) {
        String expected = stored.encoded().startsWith(PREFIX) ? PREFIX + password : password;
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                stored.encoded().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean needsRehash(PasswordHash stored) {
        return !stored.encoded().startsWith(PREFIX);
    }
}

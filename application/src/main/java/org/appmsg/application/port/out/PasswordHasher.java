package org.appmsg.application.port.out;

import org.appmsg.domain.auth.PasswordHash;

/** A slow, salted password hash. Thread-safe. */
public interface PasswordHasher {

    PasswordHash hash(String password);

    /**
     * Whether {@code password} is the one behind {@code stored}, in time independent of where they
     * differ. A stored value that is not in this hasher's encoding is a verbatim legacy password and is
     * compared as such.
     */
    boolean matches(String password, PasswordHash stored);

    /** Whether {@code stored} should be replaced by a fresh {@link #hash} after a successful login. */
    boolean needsRehash(PasswordHash stored);
}

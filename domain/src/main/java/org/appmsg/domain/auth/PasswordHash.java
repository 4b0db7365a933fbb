package org.appmsg.domain.auth;

import java.util.Objects;

/**
 * A stored password: normally a slow salted hash in the hasher's own encoding; a row migrated from
 * the legacy system may still hold the verbatim password, which the first successful login replaces.
 * Empty ({@link #none()}) when the user was synced without a password.
 */
public record PasswordHash(String encoded) {

    public PasswordHash {
        Objects.requireNonNull(encoded, "encoded");
    }

    private static final PasswordHash NONE = new PasswordHash("");

    /** No password: the user was synced without one and cannot sign in with a password. */
    public static PasswordHash none() {
        return NONE;
    }

    public boolean isSet() {
        return !encoded.isEmpty();
    }

    @Override
    public String toString() {
        return "PasswordHash[redacted]";
    }
}

package org.appmsg.domain.auth;

import java.util.Objects;

/**
 * A stored password: normally a slow salted hash in the hasher's own encoding; a row migrated from
 * the legacy system may still hold the verbatim password, which the first successful login replaces.
 */
public record PasswordHash(String encoded) {

    public PasswordHash {
        Objects.requireNonNull(encoded, "encoded");
    }

    @Override
    public String toString() {
        return "PasswordHash[redacted]";
    }
}

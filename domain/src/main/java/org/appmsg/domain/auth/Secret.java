package org.appmsg.domain.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.appmsg.domain.shared.DomainViolation;

/**
 * A bearer credential as the client holds it: a user token, an application token or the admin key.
 * Only its {@link #digest()} is ever stored, so a leaked database holds no usable credential; the
 * digest is a plain SHA-256 because the secret itself has 256 random bits (no need for a slow hash).
 */
public record Secret(String value) {

    public Secret {
        if (value == null || value.isBlank()) {
            throw new DomainViolation("token.missing", "token is required");
        }
        if (value.length() > 256) {
            throw new DomainViolation("token.malformed", "token is longer than 256 characters");
        }
    }

    /** Lower-case hex SHA-256 of the secret: the form in which it is stored and looked up. */
    public String digest() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Secrets are credentials: never print them. */
    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}

package org.appmsg.adapter.persistence;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.appmsg.application.port.out.PasswordHasher;
import org.appmsg.domain.auth.PasswordHash;

/**
 * The {@link PasswordHasher} port with the JDK's PBKDF2WithHmacSHA256, encoded as
 * {@code pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>}.
 */
final class Pbkdf2PasswordHasher implements PasswordHasher {

    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    static final int DEFAULT_ITERATIONS = 210_000;
    private static final String PREFIX = "pbkdf2-sha256$";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    // a stored value is data: refuse absurd counts rather than spin on a corrupted row
    private static final int MAX_ITERATIONS = 10_000_000;

    private final int iterations;
    private final SecureRandom random = new SecureRandom();

    Pbkdf2PasswordHasher() {
        this(DEFAULT_ITERATIONS);
    }

    Pbkdf2PasswordHasher(int iterations) {
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations out of range: " + iterations);
        }
        this.iterations = iterations;
    }

    @Override
    public PasswordHash hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return new PasswordHash(PREFIX + iterations + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(derive(password, salt, iterations)));
    }

    @Override
    public boolean matches(String password, PasswordHash stored) {
        if (!stored.encoded().startsWith(PREFIX)) {
            // legacy verbatim password; compare digests so that not even the length leaks through timing
            return MessageDigest.isEqual(sha256(password), sha256(stored.encoded()));
        }
        return parse(stored.encoded())
                .map(p -> MessageDigest.isEqual(derive(password, p.salt(), p.iterations()), p.hash()))
                .orElse(false);
    }

    @Override
    public boolean needsRehash(PasswordHash stored) {
        return parse(stored.encoded()).map(p -> p.iterations() < iterations).orElse(true);
    }

    private record Parsed(int iterations, byte[] salt, byte[] hash) {}

    private static Optional<Parsed> parse(String encoded) {
        if (!encoded.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = encoded.substring(PREFIX.length()).split("\\$", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            int iterations = Integer.parseInt(parts[0]);
            byte[] salt = Base64.getDecoder().decode(parts[1]);
            byte[] hash = Base64.getDecoder().decode(parts[2]);
            if (iterations < 1 || iterations > MAX_ITERATIONS || salt.length == 0 || hash.length == 0) {
                return Optional.empty();
            }
            return Optional.of(new Parsed(iterations, salt, hash));
        } catch (IllegalArgumentException e) { // NumberFormatException included
            return Optional.empty();
        }
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

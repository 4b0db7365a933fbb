package org.appmsg.domain.apns;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.Text;

/**
 * What the server needs to send notifications for one {@link ApnsScope}: the app's bundle id ({@code topic}),
 * which APNs environment its device tokens belong to, and how the server authenticates to Apple. The secret parts
 * (the .p8 key, the .p12 file and its password) never appear in {@link #toString()}, so no log line carries them.
 */
public record ApnsCredential(ApnsScope scope, String topic, ApnsEnvironment environment, Auth auth, Instant updated) {

    /** A bundle id: letters, digits, '.', '-', '_' (Apple adds suffixes such as {@code .voip}). */
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");
    /** Apple's key and team ids are 10 upper-case letters or digits. */
    private static final Pattern APPLE_ID = Pattern.compile("[A-Z0-9]{10}");

    public ApnsCredential {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(updated, "updated");
        if (topic == null || !TOPIC.matcher(topic).matches()) {
            throw new DomainViolation("apns.topic_malformed", "topic \"" + Text.clip(String.valueOf(topic))
                    + "\" must be the app's bundle id (letters, digits, '.', '-', '_')");
        }
    }

    /** How the server proves itself to APNs. */
    public sealed interface Auth permits SigningKey, Certificate {
        /** {@code "token"} or {@code "certificate"}. */
        String wire();
    }

    /**
     * Token-based: the .p8 signing key Apple issued (PKCS#8 PEM of an EC P-256 key), its key id and the team id.
     */
    public record SigningKey(String pkcs8Pem, String keyId, String teamId) implements Auth {
        public SigningKey {
            if (pkcs8Pem == null || !pkcs8Pem.contains("-----BEGIN PRIVATE KEY-----")) {
                throw new DomainViolation("apns.key_malformed",
                        "key must be the .p8 file's text (-----BEGIN PRIVATE KEY-----)");
            }
            Text.bounded("key", pkcs8Pem, 8192);
            appleId("keyId", keyId);
            appleId("teamId", teamId);
        }

        @Override
        public String wire() {
            return "token";
        }

        @Override
        public String toString() {
            return "SigningKey[keyId=" + keyId + ", teamId=" + teamId + ", key=***]";
        }
    }

    /** Certificate-based: the .p12 (PKCS#12) file holding the client certificate and its key, and its password. */
    public record Certificate(byte[] p12, String password) implements Auth {
        public Certificate {
            if (p12 == null || p12.length == 0 || p12.length > 65_536) {
                throw new DomainViolation("apns.p12_malformed", "p12 must be the .p12 file (1 byte to 64 KiB)");
            }
            p12 = p12.clone();
            Text.bounded("password", password, 1024);
        }

        @Override
        public byte[] p12() {
            return p12.clone();
        }

        @Override
        public String wire() {
            return "certificate";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Certificate c && Arrays.equals(p12, c.p12) && password.equals(c.password);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(p12) * 31 + password.hashCode();
        }

        @Override
        public String toString() {
            return "Certificate[p12=*** (" + p12.length + " bytes), password=***]";
        }
    }

    private static void appleId(String what, String value) {
        if (value == null || !APPLE_ID.matcher(value).matches()) {
            throw new DomainViolation("apns.id_malformed", what + " \"" + Text.clip(String.valueOf(value))
                    + "\" must be Apple's 10-character id (A-Z, 0-9)");
        }
    }
}

package org.appmsg.domain.apns;

import java.util.Optional;

/** Which APNs service a credential's tokens belong to: Apple's development (sandbox) or production hosts. */
public enum ApnsEnvironment {
    SANDBOX("sandbox"),
    PRODUCTION("production");

    private final String wire;

    ApnsEnvironment(String wire) {
        this.wire = wire;
    }

    /** {@code "sandbox"} or {@code "production"}. */
    public String wire() {
        return wire;
    }

    public static Optional<ApnsEnvironment> fromWire(String text) {
        for (ApnsEnvironment e : values()) {
            if (e.wire.equals(text)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}

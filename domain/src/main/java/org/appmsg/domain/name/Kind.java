package org.appmsg.domain.name;

import java.util.Optional;

/** The suffix of a {@link Name}: what kind of party the id before the {@code @} denotes. */
public enum Kind {
    USER("@user"),
    QUN("@qun"),
    APP("@app"),
    ORG("@org"),
    TENANT("@tenant");

    private final String suffix;

    Kind(String suffix) {
        this.suffix = suffix;
    }

    public String suffix() {
        return suffix;
    }

    static Optional<Kind> ofSuffix(String suffix) {
        for (Kind k : values()) {
            if (k.suffix.equals(suffix)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}

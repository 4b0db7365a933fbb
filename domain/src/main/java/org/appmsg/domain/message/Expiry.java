package org.appmsg.domain.message;

import java.time.Duration;
import org.appmsg.domain.shared.DomainViolation;

/** How long a message stays in mailboxes. */
public final class Expiry {

    /** A year: beyond it a "message" is an archive, which this server is not. */
    public static final Duration MAX = Duration.ofDays(365);

    private Expiry() {}

    /** The lifetime a client asked for, in seconds; the configured default applies when absent. */
    public static Duration ofSeconds(long seconds) {
        if (seconds < 1 || seconds > MAX.toSeconds()) {
            throw new DomainViolation("message.expire_out_of_range",
                    "expire must be between 1 and " + MAX.toSeconds() + " seconds (got " + seconds + ")");
        }
        return Duration.ofSeconds(seconds);
    }
}

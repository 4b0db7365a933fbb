package org.appmsg.domain.message;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How long a pushed message is kept, as its sender asked with the push's {@code expire}: the server's
 * default lifetime (no {@code expire}), not at all ({@code expire} 0: live sessions get it, no mailbox
 * does, legacy §7.1), or a given time of 1 second up to {@link Expiry#MAX}.
 */
public sealed interface Lifetime {

    /** No {@code expire}: the server's configured default. */
    record ServerDefault() implements Lifetime {}

    /**
     * {@code expire} 0: delivered to live sessions only, never stored. {@code notifyDevices}: the push asked
     * ({@code apns: true}) that iOS devices which did not get it live on an active session be notified all the
     * same; without it a live-only message notifies nobody.
     */
    record LiveOnly(boolean notifyDevices) implements Lifetime {
        /** Live only, no notifications: what {@code expire} 0 alone means. */
        public LiveOnly() {
            this(false);
        }
    }

    record Fixed(Duration duration) implements Lifetime {
        public Fixed {
            Objects.requireNonNull(duration, "duration");
            Expiry.ofSeconds(duration.toSeconds()); // the same range check as the wire's seconds
        }
    }

    static Lifetime serverDefault() {
        return new ServerDefault();
    }

    /** A push's {@code expire}: 0 is live only, 1 to {@link Expiry#MAX} seconds a fixed lifetime, else a violation. */
    static Lifetime ofExpireSeconds(long seconds) {
        return seconds == 0 ? new LiveOnly() : new Fixed(Expiry.ofSeconds(seconds));
    }

    /** Whether devices are notified although the message is live only (a stored message notifies anyway). */
    default boolean notifiesLiveOnly() {
        return this instanceof LiveOnly l && l.notifyDevices();
    }

    /** How long to keep the message, given the server's default; empty when it is not stored at all. */
    default Optional<Duration> keep(Duration serverDefault) {
        return switch (this) {
            case ServerDefault d -> Optional.of(serverDefault);
            case LiveOnly l -> Optional.empty();
            case Fixed f -> Optional.of(f.duration());
        };
    }
}

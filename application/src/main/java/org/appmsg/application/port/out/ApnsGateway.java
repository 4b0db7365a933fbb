package org.appmsg.application.port.out;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.appmsg.domain.apns.ApnsCredential;
import org.appmsg.domain.apns.DeviceToken;

/**
 * Sends notifications to Apple with an operator's credential.
 *
 * <p>{@link #send} bounds the notifications in flight: when that many are outstanding it blocks the caller until
 * one completes. It retries by itself what {@link org.appmsg.domain.apns.ApnsVerdict#RETRY} says to retry (and a
 * lost connection), with backoff and a bounded number of attempts, so the returned outcome is final. The future
 * completes on a thread of the gateway's own, never on the caller's.
 */
public interface ApnsGateway extends AutoCloseable {

    /** Why {@code credential} cannot be used (the key or .p12 does not load, wrong password), or empty when it can. */
    Optional<String> problemWith(ApnsCredential credential);

    CompletableFuture<Outcome> send(ApnsCredential credential, Notification notification);

    /** Closes every connection; outstanding sends complete as {@link Outcome.Failed}. */
    @Override
    void close();

    /** One notification: the device's token, the JSON payload, and when Apple may stop trying to deliver it. */
    record Notification(DeviceToken token, String payload, Instant expiration) {
        public Notification {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(expiration, "expiration");
        }
    }

    sealed interface Outcome {
        /** Apple accepted it ({@code apnsId} is Apple's id of the notification). */
        record Accepted(String apnsId) implements Outcome {}

        /**
         * Apple rejected it for good, or still asked to retry after the last attempt: HTTP {@code status}, Apple's
         * {@code reason}, and for 410 the moment Apple says the token stopped being valid.
         */
        record Rejected(int status, String reason, Optional<Instant> invalidSince) implements Outcome {}

        /** Never answered: no connection, timeouts after every attempt, or the gateway closed. */
        record Failed(String why) implements Outcome {}
    }
}

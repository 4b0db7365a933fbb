package org.appmsg.application.port.out;

import java.time.Instant;
import java.util.Optional;
import org.appmsg.domain.message.DeliveryStatus;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Name;

/**
 * Records {@link DeliveryStatus} as it happens, and keeps each record until its {@code keepUntil} (the message's
 * expiry) has passed and {@link #purgeExpired} ran.
 *
 * <p>What callers may rely on: {@link #stored} and {@link #apns} never block on I/O and never throw for a store
 * that is slow or down (an implementation may write behind, in batches, and drop records it cannot queue: it
 * counts and logs them); {@link #find} on the same instance sees every record handed to it before the call that
 * was not dropped. A {@code stored} again for the same message and mailbox replaces that recipient's mid and live
 * sessions; an {@code apns} again for the same device replaces its state. An {@code apns} for a copy that was
 * never recorded as {@code stored} is not reported. {@code detail} is kept up to {@link #MAX_DETAIL} characters.
 * Thread-safe.
 */
public interface DeliveryStatusLog {

    /** The most characters of a device's {@code detail} that are kept; longer ones are cut. */
    int MAX_DETAIL = 255;

    /** The copy of message {@code id} (sent by {@code from}) in {@code mailbox}, mid {@code mid}, reached N sessions. */
    void stored(MessageId id, Name from, Name mailbox, long mid, int liveSessions, Instant keepUntil);

    /** The state of the notification about message {@code id} to {@code mailbox}'s device {@code device}. */
    void apns(MessageId id, Name mailbox, String device, DeliveryStatus.ApnsState state, String detail,
            Instant keepUntil);

    /**
     * The message's status, recipients in mailbox-name order and each one's devices in device-id order; empty
     * when no copy of it is (or is still) recorded.
     *
     * @throws StorageUnavailableException when the store cannot be read
     */
    Optional<DeliveryStatus> find(MessageId id);

    /**
     * Removes at most {@code maxRecords} records (recipients and devices, each counted) kept until {@code now} or
     * earlier; returns how many it removed, so a caller repeats until it is 0.
     *
     * @throws StorageUnavailableException when the store cannot be written
     */
    int purgeExpired(Instant now, int maxRecords);

    /** {@code detail} cut to {@link #MAX_DETAIL} characters (never inside a surrogate pair). */
    static String keptDetail(String detail) {
        if (detail.length() <= MAX_DETAIL) {
            return detail;
        }
        int end = Character.isHighSurrogate(detail.charAt(MAX_DETAIL - 1)) ? MAX_DETAIL - 1 : MAX_DETAIL;
        return detail.substring(0, end);
    }
}

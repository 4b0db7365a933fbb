package org.appmsg.application.port.out;

import java.util.Optional;
import org.appmsg.domain.message.DeliveryStatus;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Name;

/**
 * Records {@link DeliveryStatus} as it happens. A log of recent messages, not an archive: implementations may keep
 * only the latest ones and say so (docs/apns.md). Thread-safe; never blocks on I/O longer than a store write.
 */
public interface DeliveryStatusLog {

    /** The copy of message {@code id} (sent by {@code from}) in {@code mailbox}, mid {@code mid}, reached N sessions. */
    void stored(MessageId id, Name from, Name mailbox, long mid, int liveSessions);

    /** The state of the notification about message {@code id} to {@code mailbox}'s device {@code device}. */
    void apns(MessageId id, Name mailbox, String device, DeliveryStatus.ApnsState state, String detail);

    /** The message's status, or empty when it is not (or no longer) in the log. */
    Optional<DeliveryStatus> find(MessageId id);
}

package org.appmsg.domain.message;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.appmsg.domain.name.Name;

/**
 * What happened to each recipient's copy of one message (PRODUCT §4 "per-message delivery status"): stored under
 * which mid, handed live to how many sessions, and each APNs notification's state.
 */
public record DeliveryStatus(MessageId id, Name from, List<Recipient> recipients) {

    public DeliveryStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        recipients = List.copyOf(recipients);
    }

    public record Recipient(Name mailbox, long mid, int liveSessions, List<Device> devices) {
        public Recipient {
            Objects.requireNonNull(mailbox, "mailbox");
            devices = List.copyOf(devices);
        }
    }

    /** {@code detail}: Apple's reason of a rejection or the cause of a failure, else empty. */
    public record Device(String device, ApnsState state, String detail) {
        public Device {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(detail, "detail");
        }
    }

    public enum ApnsState {
        /** Handed to the gateway, no answer yet. */
        PENDING,
        ACCEPTED,
        REJECTED,
        /** Not answered after every attempt. */
        FAILED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}

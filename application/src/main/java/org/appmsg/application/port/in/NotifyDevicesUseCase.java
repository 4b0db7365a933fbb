package org.appmsg.application.port.in;

import java.util.List;
import java.util.Objects;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.session.SessionId;

/**
 * Stored mailbox entries that were just handed to live sessions: the devices that did not see them live get an
 * APNs notification ({@link org.appmsg.domain.apns.NotificationRule}). Called off the request path, after the
 * entries are durable and their live delivery was attempted; blocks while the APNs gateway has as many
 * notifications in flight as it allows.
 */
@FunctionalInterface
public interface NotifyDevicesUseCase {

    Result notify(Command command);

    record Command(List<Copy> copies) {
        public Command {
            copies = List.copyOf(copies);
        }
    }

    /**
     * One entry, the number of sessions it was handed to live, which of those were active, and whether its push
     * asked for notifications although it is live only ({@code expire} 0 with {@code apns: true}).
     */
    record Copy(MailboxEntry entry, int liveSessions, List<SessionId> liveActive, boolean liveOnlyAsked) {
        public Copy {
            Objects.requireNonNull(entry, "entry");
            liveActive = List.copyOf(liveActive);
        }

        /** A copy notified only if it is stored. */
        public Copy(MailboxEntry entry, int liveSessions, List<SessionId> liveActive) {
            this(entry, liveSessions, liveActive, false);
        }
    }

    sealed interface Result {
        /** {@code notifications} were handed to the gateway (their outcomes arrive later). */
        record Sent(int notifications) implements Result {}
    }
}

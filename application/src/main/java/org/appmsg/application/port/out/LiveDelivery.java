package org.appmsg.application.port.out;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.session.SessionId;

/**
 * Hands stored mailbox entries to the live sessions of their mailbox's owner.
 *
 * <p>Called only after the entries are durable, so a session that misses a live frame (not yet
 * connected, too slow, disconnected) finds it in the mailbox. Never blocks the caller on a socket: a
 * connection that cannot keep up is closed with a resync reason rather than silently losing frames.
 * Entries of one mailbox passed in one call reach each session in list order.
 */
public interface LiveDelivery {

    void deliver(List<Live> messages);

    /** An entry to deliver to every live session of its mailbox's user except the {@code except} ones. */
    record Live(MailboxEntry entry, Set<SessionId> except) {
        public Live {
            Objects.requireNonNull(entry, "entry");
            except = Set.copyOf(except);
        }
    }
}

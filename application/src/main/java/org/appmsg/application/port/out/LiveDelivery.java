package org.appmsg.application.port.out;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.session.SessionId;

/**
 * Hands stored mailbox entries to live connections of their mailbox's owner.
 *
 * <p>Called only after the entries are durable, so a session that misses a live frame (not yet
 * connected, too slow, disconnected) finds it in the mailbox. The exception is a live-only copy
 * ({@link MailboxEntry#liveOnly}, mid 0): it was never stored, so whoever misses it misses it for good. Never blocks the caller on a socket: a
 * connection that cannot keep up is closed with a resync reason rather than silently losing frames.
 * Entries of one mailbox passed in one call reach each connection in list order.
 */
public interface LiveDelivery {

    void deliver(List<Live> messages);

    /**
     * An entry for the connections of the sessions in {@code sessions}, and for every session-less
     * connection ({@code {uid}@user}) of the mailbox's user, which always receives its whole mailbox.
     * {@code activeSessions} goes into the frame's message as {@code activeSessions} (legacy §7.5).
     */
    record Live(MailboxEntry entry, Set<SessionId> sessions, List<SessionId> activeSessions) {
        public Live {
            Objects.requireNonNull(entry, "entry");
            sessions = Set.copyOf(sessions);
            activeSessions = List.copyOf(activeSessions);
        }
    }
}

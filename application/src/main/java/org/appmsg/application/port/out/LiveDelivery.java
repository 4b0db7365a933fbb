package org.appmsg.application.port.out;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.appmsg.domain.message.Lifetime;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.session.SessionId;

/**
 * Hands stored mailbox entries to live connections of their mailbox's owner.
 *
 * <p>What callers do: pass every stored entry once it is durable, whether or not any session is picked for it (an
 * entry with no {@code sessions} still goes to the user's session-less connections, and tells the session
 * connections that its mid is not for them). Calls may come from any number of threads, and in a cluster from
 * several nodes; entries of one mailbox may arrive in any order, and one may never arrive (a push that failed
 * between its store and this call, a lost cluster message).
 *
 * <p>What each connection gets: the stored entries meant for it, in strictly increasing mid order, each once, none
 * skipped; it never receives a lower mid after a higher one. It holds an entry that arrives above a mid it has not
 * heard of; when that mid is still missing after a short wait (the gateway's is 200 ms), it reads its mailbox after
 * the last mid it settled, off the caller's thread, and sends what it finds there in order (the stored copies, as a
 * resume would send them) before the held ones. An entry at or below the last mid a connection settled (sent, or
 * learned was not for it) is dropped as already delivered. So a client may take the highest mid it has seen as its
 * resume cursor. A connection without a resume mid starts after the mailbox's last mid at its admission; a
 * resuming one replays its mailbox first and then continues with live entries, without a gap or a repeat at the
 * seam.
 *
 * <p>A live-only copy ({@link MailboxEntry#liveOnly}, mid 0) was never stored: it is not sequenced, goes out as it
 * comes, and whoever misses it misses it for good. Never blocks the caller on a socket or a read: a connection that
 * cannot keep up is closed with a resync reason (and catches up from its mailbox when it reconnects) rather than
 * silently losing frames.
 */
public interface LiveDelivery {

    /** Hands {@code messages} over and returns; entries of one mailbox in one call are offered in list order. */
    void deliver(List<Live> messages);

    /**
     * An entry for the connections of the sessions in {@code sessions}, and for every session-less
     * connection ({@code {uid}@user}) of the mailbox's user, which always receives its whole mailbox.
     * {@code activeSessions} goes into the frame's message as {@code activeSessions} (legacy §7.5).
     * {@code notifyDevices}: a live-only copy whose push asked for APNs notifications all the same (stored copies
     * are notified regardless); only the node that made the entry reads it, it does not travel between nodes.
     */
    record Live(MailboxEntry entry, Set<SessionId> sessions, List<SessionId> activeSessions, boolean notifyDevices) {
        public Live {
            Objects.requireNonNull(entry, "entry");
            sessions = Set.copyOf(sessions);
            activeSessions = List.copyOf(activeSessions);
        }

        /** A copy whose devices are notified only if it is stored. */
        public Live(MailboxEntry entry, Set<SessionId> sessions, List<SessionId> activeSessions) {
            this(entry, sessions, activeSessions, false);
        }

        /** This copy, its devices notified even if it is live only when {@code lifetime} asks for it. */
        public Live notifying(Lifetime lifetime) {
            return lifetime.notifiesLiveOnly() ? new Live(entry, sessions, activeSessions, true) : this;
        }
    }
}

package org.appmsg.domain.apns;

import java.util.Collection;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.session.SessionId;

/**
 * Who gets an APNs notification for a mailbox entry: every device of the mailbox's user that has a registered
 * token, unless the message reached an <em>active</em> session of that very device live (the app is in the
 * foreground and shows it). So a device with no session, or whose session is inactive (the app in the
 * background), is notified; another device being active does not stop it. Never for a live-only copy (mid 0:
 * it is not in any mailbox, so the app could not fetch it when opened) unless its push asked for it
 * ({@code liveOnlyAsked}), for a copy in a mailbox that is not a user's, or for the sender's own copy of what it
 * sent.
 */
public final class NotificationRule {

    private NotificationRule() {}

    /** Whether the entry is one that devices are notified of at all (see the class comment). */
    public static boolean notifies(MailboxEntry entry, Name from) {
        return notifies(entry, from, false);
    }

    /** The same, for an entry whose push asked ({@code liveOnlyAsked}) that live-only copies notify too. */
    public static boolean notifies(MailboxEntry entry, Name from, boolean liveOnlyAsked) {
        return (entry.stored() || liveOnlyAsked) && entry.mailbox().isUser() && !entry.mailbox().equals(from);
    }

    /** Whether {@code device} of the entry's user is notified, given the active sessions that got it live. */
    public static boolean notifies(MailboxEntry entry, Name from, String device, Collection<SessionId> liveActive) {
        return notifies(entry, from, false, device, liveActive);
    }

    /** The same, for an entry whose push asked ({@code liveOnlyAsked}) that live-only copies notify too. */
    public static boolean notifies(MailboxEntry entry, Name from, boolean liveOnlyAsked, String device,
            Collection<SessionId> liveActive) {
        return notifies(entry, from, liveOnlyAsked)
                && !liveActive.contains(new SessionId(entry.mailbox().userId(), device));
    }
}

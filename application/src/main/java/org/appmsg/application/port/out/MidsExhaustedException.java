package org.appmsg.application.port.out;

import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.name.Name;

/**
 * A store would give a mailbox a mid above {@link MailboxEntry#MAX_MID}; nothing of the call was stored. Mids are
 * never given out twice, so such a mailbox takes no more entries. Unreachable in practice: a mailbox that starts
 * at today's clock in microseconds needs about 7·10<sup>15</sup> messages to get there.
 */
public final class MidsExhaustedException extends RuntimeException {

    private final transient Name mailbox;

    public MidsExhaustedException(Name mailbox) {
        super("mailbox " + mailbox + " has given out its last mid, " + MailboxEntry.MAX_MID);
        this.mailbox = mailbox;
    }

    public Name mailbox() {
        return mailbox;
    }
}

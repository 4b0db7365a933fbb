package org.appmsg.adapter.ws;

import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.shared.UserId;

/** Test data: mailbox entries of a user. */
final class Entries {

    private Entries() {}

    static MailboxEntry entry(String user, long mid) {
        return entry(user, mid, "{\"text\":\"m" + mid + "\"}");
    }

    static MailboxEntry entry(String user, long mid, String json) {
        return new MailboxEntry(Name.of(new UserId(user)), mid, new MessageId(1000 + mid), json);
    }
}

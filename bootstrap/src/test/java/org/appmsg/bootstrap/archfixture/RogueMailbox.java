package org.appmsg.bootstrap.archfixture;

import java.time.Instant;
import java.util.List;
import org.appmsg.application.port.out.Mailbox;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.name.Name;

/** Deliberately broken: a driven port implemented outside the adapters. */
public class RogueMailbox implements Mailbox {
    @Override
    public List<List<MailboxEntry>> storeAll(List<Delivery> deliveries) {
        return List.of();
    }

    @Override
    public Once storeOnce(Receipt receipt, List<Delivery> deliveries) {
        return new Once.Stored(List.of());
    }

    @Override
    public List<MailboxEntry> readAfter(Name mailbox, long afterMid, int limit, Instant now) {
        return List.of();
    }

    @Override
    public int clear(Name mailbox) {
        return 0;
    }

    @Override
    public long lastMid(Name mailbox) {
        return 0;
    }

    @Override
    public Purged purgeExpired(Instant now, int maxEntries) {
        return Purged.NOTHING;
    }
}

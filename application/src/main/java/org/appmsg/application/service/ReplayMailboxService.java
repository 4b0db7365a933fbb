package org.appmsg.application.service;

import java.time.Clock;
import java.util.List;
import org.appmsg.application.port.in.ReadLastMidUseCase;
import org.appmsg.application.port.in.ReplayMailboxUseCase;
import org.appmsg.application.port.out.Mailbox;
import org.appmsg.domain.message.MailboxEntry;

/** Reads a mailbox for a session that was already admitted: pages after a mid, and where it ends. */
public final class ReplayMailboxService implements ReplayMailboxUseCase, ReadLastMidUseCase {

    private final Mailbox mailbox;
    private final Clock clock;

    public ReplayMailboxService(Mailbox mailbox, Clock clock) {
        this.mailbox = mailbox;
        this.clock = clock;
    }

    @Override
    public List<MailboxEntry> replay(ReplayMailboxUseCase.Query query) {
        return mailbox.readAfter(query.mailbox(), query.afterMid(), query.limit(), clock.instant());
    }

    @Override
    public long lastMid(ReadLastMidUseCase.Query query) {
        return mailbox.lastMid(query.mailbox());
    }
}

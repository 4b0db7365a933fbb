package org.appmsg.application.service;

import org.appmsg.application.port.in.ClearMailboxUseCase;
import org.appmsg.application.port.out.Mailbox;

/** Empties one mailbox through {@link Mailbox#clear}, which keeps its sequence: mids are never given out twice. */
public final class ClearMailboxService implements ClearMailboxUseCase {

    private final Mailbox mailbox;

    public ClearMailboxService(Mailbox mailbox) {
        this.mailbox = mailbox;
    }

    @Override
    public Result clear(Command command) {
        return new Result.Cleared(mailbox.clear(command.mailbox()));
    }
}

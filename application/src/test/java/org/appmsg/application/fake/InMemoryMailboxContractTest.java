package org.appmsg.application.fake;

import org.appmsg.application.contract.MailboxContract;
import org.appmsg.application.port.out.Mailbox;
import org.appmsg.domain.message.FirstMid;

class InMemoryMailboxContractTest extends MailboxContract {

    private final InMemoryMailbox mailbox = new InMemoryMailbox();

    @Override
    protected Mailbox mailbox() {
        return mailbox;
    }

    @Override
    protected Mailbox clockStarted() {
        return mailbox.startingAt(FirstMid.CLOCK);
    }
}

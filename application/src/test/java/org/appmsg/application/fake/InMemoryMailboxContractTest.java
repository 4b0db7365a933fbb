package org.appmsg.application.fake;

import org.appmsg.application.contract.MailboxContract;
import org.appmsg.application.port.out.Mailbox;

class InMemoryMailboxContractTest extends MailboxContract {

    @Override
    protected Mailbox mailbox() {
        return new InMemoryMailbox();
    }
}

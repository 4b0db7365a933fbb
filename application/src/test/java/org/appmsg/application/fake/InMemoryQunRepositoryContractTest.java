package org.appmsg.application.fake;

import org.appmsg.application.contract.QunRepositoryContract;
import org.appmsg.application.port.out.Mailbox;
import org.appmsg.application.port.out.QunRepository;

class InMemoryQunRepositoryContractTest extends QunRepositoryContract {

    private final InMemoryMailbox mailbox = new InMemoryMailbox();

    @Override
    protected QunRepository quns() {
        return new InMemoryQunRepository(mailbox);
    }

    @Override
    protected Mailbox mailbox() {
        return mailbox;
    }
}

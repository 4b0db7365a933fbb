package org.appmsg.adapter.persistence;

import org.appmsg.application.contract.MailboxContract;
import org.appmsg.application.port.out.Mailbox;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresMailboxIT extends MailboxContract {

    @RegisterExtension
    static final TestStore store = TestStore.postgres();

    @Override
    protected Mailbox mailbox() {
        return store.persistence().mailbox();
    }

    @Override
    protected Mailbox clockStarted() {
        return store.clockStarted().mailbox();
    }
}

package org.appmsg.adapter.persistence;

import org.appmsg.application.contract.QunRepositoryContract;
import org.appmsg.application.port.out.Mailbox;
import org.appmsg.application.port.out.QunRepository;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresQunRepositoryIT extends QunRepositoryContract {

    @RegisterExtension
    static final TestStore store = TestStore.postgres();

    @Override
    protected QunRepository quns() {
        return store.persistence().quns();
    }

    @Override
    protected Mailbox mailbox() {
        return store.persistence().mailbox();
    }
}

package org.appmsg.adapter.persistence;

import org.appmsg.application.contract.ContactRepositoryContract;
import org.appmsg.application.port.out.ContactRepository;
import org.appmsg.application.port.out.UserRepository;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresContactRepositoryIT extends ContactRepositoryContract {

    @RegisterExtension
    static final TestStore store = TestStore.postgres();

    @Override
    protected ContactRepository contacts() {
        return store.persistence().contacts();
    }

    @Override
    protected UserRepository users() {
        return store.persistence().users();
    }
}

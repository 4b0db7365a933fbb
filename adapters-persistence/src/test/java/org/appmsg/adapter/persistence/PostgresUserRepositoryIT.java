package org.appmsg.adapter.persistence;

import org.appmsg.application.contract.UserRepositoryContract;
import org.appmsg.application.port.out.UserRepository;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresUserRepositoryIT extends UserRepositoryContract {

    @RegisterExtension
    static final TestStore store = TestStore.postgres();

    @Override
    protected UserRepository users() {
        return store.persistence().users();
    }
}

package org.appmsg.adapter.persistence;

import org.appmsg.application.contract.ShieldRepositoryContract;
import org.appmsg.application.port.out.ShieldRepository;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresShieldRepositoryIT extends ShieldRepositoryContract {

    @RegisterExtension
    static final TestStore store = TestStore.postgres();

    @Override
    protected ShieldRepository shields() {
        return store.persistence().shields();
    }
}

package org.appmsg.adapter.persistence;

import org.appmsg.application.contract.ShieldRepositoryContract;
import org.appmsg.application.port.out.ShieldRepository;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbShieldRepositoryIT extends ShieldRepositoryContract {

    @RegisterExtension
    static final TestStore store = TestStore.mariaDb();

    @Override
    protected ShieldRepository shields() {
        return store.persistence().shields();
    }
}

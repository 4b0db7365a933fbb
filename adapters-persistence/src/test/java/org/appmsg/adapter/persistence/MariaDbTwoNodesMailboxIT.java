package org.appmsg.adapter.persistence;

import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbTwoNodesMailboxIT extends TwoNodesMailboxChecks {

    @RegisterExtension
    static final TestStore store = TestStore.mariaDb();

    @Override
    TestStore store() {
        return store;
    }
}

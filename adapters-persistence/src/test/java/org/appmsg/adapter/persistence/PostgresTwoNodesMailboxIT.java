package org.appmsg.adapter.persistence;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresTwoNodesMailboxIT extends TwoNodesMailboxChecks {

    @RegisterExtension
    static final TestStore store = TestStore.postgres();

    @Override
    TestStore store() {
        return store;
    }
}

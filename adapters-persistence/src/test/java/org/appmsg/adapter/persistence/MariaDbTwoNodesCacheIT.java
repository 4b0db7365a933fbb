package org.appmsg.adapter.persistence;

import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbTwoNodesCacheIT extends TwoNodesCacheChecks {

    @RegisterExtension
    static final TestStore store = TestStore.mariaDb();

    @Override
    TestStore store() {
        return store;
    }
}

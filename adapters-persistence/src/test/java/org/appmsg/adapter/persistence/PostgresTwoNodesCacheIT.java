package org.appmsg.adapter.persistence;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresTwoNodesCacheIT extends TwoNodesCacheChecks {

    @RegisterExtension
    static final TestStore store = TestStore.postgres();

    @Override
    TestStore store() {
        return store;
    }
}

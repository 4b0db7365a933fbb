package org.appmsg.adapter.persistence;

import org.junit.jupiter.api.extension.RegisterExtension;

class H2SqlPersistenceIT extends SqlPersistenceChecks {

    @RegisterExtension
    static final TestStore store = TestStore.h2();

    @Override
    TestStore store() {
        return store;
    }
}

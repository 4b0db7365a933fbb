package org.appmsg.adapter.persistence;

import org.appmsg.application.contract.DirectoryRepositoryContract;
import org.appmsg.application.port.out.DirectoryRepository;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresDirectoryRepositoryIT extends DirectoryRepositoryContract {

    @RegisterExtension
    static final TestStore store = TestStore.postgres();

    @Override
    protected DirectoryRepository directory() {
        return store.persistence().directory();
    }
}

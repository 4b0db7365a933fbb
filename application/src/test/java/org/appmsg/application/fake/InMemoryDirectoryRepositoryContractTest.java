package org.appmsg.application.fake;

import org.appmsg.application.contract.DirectoryRepositoryContract;
import org.appmsg.application.port.out.DirectoryRepository;

class InMemoryDirectoryRepositoryContractTest extends DirectoryRepositoryContract {

    @Override
    protected DirectoryRepository directory() {
        return new InMemoryDirectoryRepository();
    }
}

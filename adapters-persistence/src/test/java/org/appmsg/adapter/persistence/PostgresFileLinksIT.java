package org.appmsg.adapter.persistence;

import org.appmsg.application.contract.FileLinksContract;
import org.appmsg.application.port.out.FileLinks;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresFileLinksIT extends FileLinksContract {

    @RegisterExtension
    static final TestStore store = TestStore.postgres();

    @Override
    protected FileLinks links() {
        return store.persistence().fileLinks();
    }
}

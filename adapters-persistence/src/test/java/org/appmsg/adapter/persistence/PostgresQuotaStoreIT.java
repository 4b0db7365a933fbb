package org.appmsg.adapter.persistence;

import org.appmsg.application.contract.QuotaStoreContract;
import org.appmsg.application.port.out.QuotaStore;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresQuotaStoreIT extends QuotaStoreContract {

    @RegisterExtension
    static final TestStore store = TestStore.postgres();

    @Override
    protected QuotaStore store() {
        return store.persistence().quotas();
    }
}

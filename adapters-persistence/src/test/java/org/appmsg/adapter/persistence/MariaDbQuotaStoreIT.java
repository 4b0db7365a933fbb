package org.appmsg.adapter.persistence;

import org.appmsg.application.contract.QuotaStoreContract;
import org.appmsg.application.port.out.QuotaStore;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbQuotaStoreIT extends QuotaStoreContract {

    @RegisterExtension
    static final TestStore store = TestStore.mariaDb();

    @Override
    protected QuotaStore store() {
        return store.persistence().quotas();
    }
}

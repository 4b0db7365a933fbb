package org.appmsg.application.fake;

import org.appmsg.application.contract.QuotaStoreContract;
import org.appmsg.application.port.out.QuotaStore;

class InMemoryQuotaStoreContractTest extends QuotaStoreContract {

    @Override
    protected QuotaStore store() {
        return new InMemoryQuotaStore();
    }
}

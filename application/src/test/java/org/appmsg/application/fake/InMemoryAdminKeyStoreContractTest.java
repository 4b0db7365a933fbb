package org.appmsg.application.fake;

import org.appmsg.application.contract.AdminKeyStoreContract;
import org.appmsg.application.port.out.AdminKeyStore;

class InMemoryAdminKeyStoreContractTest extends AdminKeyStoreContract {

    @Override
    protected AdminKeyStore emptyStore() {
        return new InMemoryAdminKeyStore();
    }
}

package org.appmsg.application.fake;

import org.appmsg.application.contract.ApnsCredentialStoreContract;
import org.appmsg.application.port.out.ApnsCredentialStore;

class InMemoryApnsCredentialStoreContractTest extends ApnsCredentialStoreContract {

    @Override
    protected ApnsCredentialStore credentials() {
        return new InMemoryApnsCredentialStore();
    }
}

package org.appmsg.adapter.persistence;

import org.appmsg.application.contract.ApnsCredentialStoreContract;
import org.appmsg.application.port.out.ApnsCredentialStore;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2ApnsCredentialStoreIT extends ApnsCredentialStoreContract {

    @RegisterExtension
    static final TestStore store = TestStore.h2();

    @Override
    protected ApnsCredentialStore credentials() {
        return store.persistence().apnsCredentials();
    }
}

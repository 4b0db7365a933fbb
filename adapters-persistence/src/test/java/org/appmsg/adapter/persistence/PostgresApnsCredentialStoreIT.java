package org.appmsg.adapter.persistence;

import org.appmsg.application.contract.ApnsCredentialStoreContract;
import org.appmsg.application.port.out.ApnsCredentialStore;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresApnsCredentialStoreIT extends ApnsCredentialStoreContract {

    @RegisterExtension
    static final TestStore store = TestStore.postgres();

    @Override
    protected ApnsCredentialStore credentials() {
        return store.persistence().apnsCredentials();
    }
}

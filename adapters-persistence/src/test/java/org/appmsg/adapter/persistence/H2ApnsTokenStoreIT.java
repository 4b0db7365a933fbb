package org.appmsg.adapter.persistence;

import org.appmsg.application.contract.ApnsTokenStoreContract;
import org.appmsg.application.port.out.ApnsTokenStore;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2ApnsTokenStoreIT extends ApnsTokenStoreContract {

    @RegisterExtension
    static final TestStore store = TestStore.h2();

    @Override
    protected ApnsTokenStore tokens() {
        return store.persistence().apnsTokens();
    }
}

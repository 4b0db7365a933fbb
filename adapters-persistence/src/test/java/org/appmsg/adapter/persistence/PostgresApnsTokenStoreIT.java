package org.appmsg.adapter.persistence;

import org.appmsg.application.contract.ApnsTokenStoreContract;
import org.appmsg.application.port.out.ApnsTokenStore;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresApnsTokenStoreIT extends ApnsTokenStoreContract {

    @RegisterExtension
    static final TestStore store = TestStore.postgres();

    @Override
    protected ApnsTokenStore tokens() {
        return store.persistence().apnsTokens();
    }
}

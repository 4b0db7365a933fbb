package org.appmsg.adapter.persistence;

import org.appmsg.application.contract.TokenStoreContract;
import org.appmsg.application.port.out.TokenStore;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresTokenStoreIT extends TokenStoreContract {

    @RegisterExtension
    static final TestStore store = TestStore.postgres();

    @Override
    protected TokenStore tokens() {
        return store.persistence().tokens();
    }
}

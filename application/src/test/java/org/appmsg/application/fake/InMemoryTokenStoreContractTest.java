package org.appmsg.application.fake;

import org.appmsg.application.contract.TokenStoreContract;
import org.appmsg.application.port.out.TokenStore;

class InMemoryTokenStoreContractTest extends TokenStoreContract {

    @Override
    protected TokenStore tokens() {
        return new InMemoryTokenStore();
    }
}

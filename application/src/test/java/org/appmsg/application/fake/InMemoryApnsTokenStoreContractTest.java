package org.appmsg.application.fake;

import org.appmsg.application.contract.ApnsTokenStoreContract;
import org.appmsg.application.port.out.ApnsTokenStore;

class InMemoryApnsTokenStoreContractTest extends ApnsTokenStoreContract {

    @Override
    protected ApnsTokenStore tokens() {
        return new InMemoryApnsTokenStore();
    }
}

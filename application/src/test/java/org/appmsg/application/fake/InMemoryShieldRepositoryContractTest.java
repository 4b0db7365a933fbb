package org.appmsg.application.fake;

import org.appmsg.application.contract.ShieldRepositoryContract;
import org.appmsg.application.port.out.ShieldRepository;

class InMemoryShieldRepositoryContractTest extends ShieldRepositoryContract {

    @Override
    protected ShieldRepository shields() {
        return new InMemoryShieldRepository();
    }
}

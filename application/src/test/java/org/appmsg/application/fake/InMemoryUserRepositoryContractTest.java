package org.appmsg.application.fake;

import org.appmsg.application.contract.UserRepositoryContract;
import org.appmsg.application.port.out.UserRepository;

class InMemoryUserRepositoryContractTest extends UserRepositoryContract {

    @Override
    protected UserRepository users() {
        return new InMemoryUserRepository();
    }
}

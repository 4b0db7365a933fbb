package org.appmsg.application.fake;

import org.appmsg.application.contract.ContactRepositoryContract;
import org.appmsg.application.port.out.ContactRepository;
import org.appmsg.application.port.out.UserRepository;

class InMemoryContactRepositoryContractTest extends ContactRepositoryContract {

    private InMemoryUserRepository users;

    @Override
    protected ContactRepository contacts() {
        users = new InMemoryUserRepository();
        return new InMemoryContactRepository(users);
    }

    @Override
    protected UserRepository users() {
        return users;
    }
}

package org.appmsg.application.fake;

import org.appmsg.application.contract.OrgRepositoryContract;
import org.appmsg.application.port.out.OrgRepository;
import org.appmsg.application.port.out.UserRepository;

class InMemoryOrgRepositoryContractTest extends OrgRepositoryContract {

    private InMemoryUserRepository users;

    @Override
    protected OrgRepository orgs() {
        users = new InMemoryUserRepository();
        return new InMemoryOrgRepository(users);
    }

    @Override
    protected UserRepository users() {
        return users;
    }
}

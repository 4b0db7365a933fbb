package org.appmsg.adapter.persistence;

import org.appmsg.application.contract.OrgRepositoryContract;
import org.appmsg.application.port.out.OrgRepository;
import org.appmsg.application.port.out.UserRepository;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresOrgRepositoryIT extends OrgRepositoryContract {

    @RegisterExtension
    static final TestStore store = TestStore.postgres();

    @Override
    protected OrgRepository orgs() {
        return store.persistence().orgs();
    }

    @Override
    protected UserRepository users() {
        return store.persistence().users();
    }
}

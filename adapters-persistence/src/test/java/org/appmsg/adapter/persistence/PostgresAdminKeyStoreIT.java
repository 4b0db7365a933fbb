package org.appmsg.adapter.persistence;

import org.appmsg.application.contract.AdminKeyStoreContract;
import org.appmsg.application.port.out.AdminKeyStore;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresAdminKeyStoreIT extends AdminKeyStoreContract {

    @RegisterExtension
    static final TestStore store = TestStore.postgres();

    @Override
    protected AdminKeyStore emptyStore() {
        store.sql("DELETE FROM admin_key");
        return store.persistence().adminKeys();
    }
}

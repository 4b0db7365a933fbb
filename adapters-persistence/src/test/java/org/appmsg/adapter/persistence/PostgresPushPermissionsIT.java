package org.appmsg.adapter.persistence;

import org.appmsg.application.contract.PushPermissionsContract;
import org.appmsg.application.port.out.PushPermissions;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresPushPermissionsIT extends PushPermissionsContract {

    @RegisterExtension
    static final TestStore store = TestStore.postgres();

    @Override
    protected PushPermissions permissions() {
        return store.persistence().pushPermissions();
    }
}

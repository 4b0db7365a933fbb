package org.appmsg.application.fake;

import org.appmsg.application.contract.PushPermissionsContract;
import org.appmsg.application.port.out.PushPermissions;

class InMemoryPushPermissionsContractTest extends PushPermissionsContract {

    @Override
    protected PushPermissions permissions() {
        return new InMemoryPushPermissions();
    }
}

package org.appmsg.application.fake;

import org.appmsg.application.contract.QuotaPermissionsContract;
import org.appmsg.application.port.out.QuotaPermissions;

class InMemoryQuotaPermissionsContractTest extends QuotaPermissionsContract {

    @Override
    protected QuotaPermissions permissions() {
        return new InMemoryQuotaPermissions();
    }
}

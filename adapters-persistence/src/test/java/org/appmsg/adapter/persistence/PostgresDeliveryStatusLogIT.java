package org.appmsg.adapter.persistence;

import org.appmsg.application.contract.DeliveryStatusLogContract;
import org.appmsg.application.port.out.DeliveryStatusLog;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresDeliveryStatusLogIT extends DeliveryStatusLogContract {

    @RegisterExtension
    static final TestStore store = TestStore.postgres();

    @Override
    protected DeliveryStatusLog log() {
        return store.persistence().deliveryStatus();
    }
}

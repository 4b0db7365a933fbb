package org.appmsg.application.fake;

import org.appmsg.application.contract.DeliveryStatusLogContract;
import org.appmsg.application.port.out.DeliveryStatusLog;

class InMemoryDeliveryStatusLogContractTest extends DeliveryStatusLogContract {

    @Override
    protected DeliveryStatusLog log() {
        return new InMemoryDeliveryStatusLog();
    }
}

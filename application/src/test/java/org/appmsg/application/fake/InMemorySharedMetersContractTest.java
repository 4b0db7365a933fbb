package org.appmsg.application.fake;

import org.appmsg.application.contract.SharedMetersContract;
import org.appmsg.application.port.out.SharedMeters;

class InMemorySharedMetersContractTest extends SharedMetersContract {

    private final InMemorySharedMeters meters = new InMemorySharedMeters();

    @Override
    protected SharedMeters meters() {
        return meters;
    }
}

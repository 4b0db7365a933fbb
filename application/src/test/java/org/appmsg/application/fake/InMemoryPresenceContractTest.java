package org.appmsg.application.fake;

import org.appmsg.application.contract.PresenceRegistryContract;
import org.appmsg.application.port.out.PresenceRegistry;

class InMemoryPresenceContractTest extends PresenceRegistryContract {
    @Override
    protected PresenceRegistry presence() {
        return new InMemoryPresence();
    }
}

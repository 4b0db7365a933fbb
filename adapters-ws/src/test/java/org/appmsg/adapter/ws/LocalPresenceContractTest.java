package org.appmsg.adapter.ws;

import org.appmsg.application.contract.PresenceRegistryContract;
import org.appmsg.application.port.out.PresenceRegistry;

class LocalPresenceContractTest extends PresenceRegistryContract {
    @Override
    protected PresenceRegistry presence() {
        return WebSocketAdapter.localPresence();
    }
}

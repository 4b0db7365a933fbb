package org.appmsg.application.service;

import java.util.List;
import org.appmsg.application.port.in.CheckReadinessUseCase;
import org.appmsg.application.port.out.StorageHealth;

public final class CheckReadinessService implements CheckReadinessUseCase {

    private final StorageHealth storage;

    public CheckReadinessService(StorageHealth storage) {
        this.storage = storage;
    }

    @Override
    public List<String> problems() {
        return storage.reachable() ? List.of() : List.of("database unreachable");
    }
}

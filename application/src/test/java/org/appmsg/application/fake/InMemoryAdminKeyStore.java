package org.appmsg.application.fake;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.appmsg.application.port.out.AdminKeyStore;

public final class InMemoryAdminKeyStore implements AdminKeyStore {

    private final AtomicReference<String> digest = new AtomicReference<>();

    @Override
    public Optional<String> digest() {
        return Optional.ofNullable(digest.get());
    }

    @Override
    public void replace(String newDigest) {
        digest.set(newDigest);
    }
}

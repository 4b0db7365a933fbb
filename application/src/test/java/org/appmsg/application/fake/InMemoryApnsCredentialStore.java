package org.appmsg.application.fake;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.appmsg.application.port.out.ApnsCredentialStore;
import org.appmsg.domain.apns.ApnsCredential;
import org.appmsg.domain.apns.ApnsScope;

public final class InMemoryApnsCredentialStore implements ApnsCredentialStore {

    private final Map<ApnsScope, ApnsCredential> credentials = new ConcurrentHashMap<>();

    @Override
    public void save(ApnsCredential credential) {
        credentials.put(credential.scope(), credential);
    }

    @Override
    public Optional<ApnsCredential> find(ApnsScope scope) {
        return Optional.ofNullable(credentials.get(scope));
    }

    @Override
    public boolean delete(ApnsScope scope) {
        return credentials.remove(scope) != null;
    }

    @Override
    public List<ApnsCredential> all() {
        return credentials.values().stream()
                .sorted(Comparator.comparing((ApnsCredential c) -> c.scope().kind()).thenComparing(c -> c.scope().id()))
                .toList();
    }
}

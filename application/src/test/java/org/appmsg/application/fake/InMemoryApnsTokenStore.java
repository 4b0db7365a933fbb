package org.appmsg.application.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.appmsg.application.port.out.ApnsTokenStore;
import org.appmsg.domain.apns.DeviceToken;
import org.appmsg.domain.shared.UserId;

public final class InMemoryApnsTokenStore implements ApnsTokenStore {

    private final Map<DeviceToken, Registration> byToken = new LinkedHashMap<>();

    @Override
    public synchronized void bind(Registration r) {
        byToken.values().removeIf(e -> e.user().equals(r.user()) && e.device().equals(r.device()));
        byToken.put(r.token(), r);
    }

    @Override
    public synchronized boolean unbindDevice(UserId user, String device) {
        return byToken.values().removeIf(e -> e.user().equals(user) && e.device().equals(device));
    }

    @Override
    public synchronized boolean unbind(UserId user, DeviceToken token) {
        Registration r = byToken.get(token);
        return r != null && r.user().equals(user) && byToken.remove(token) != null;
    }

    @Override
    public synchronized boolean remove(DeviceToken token) {
        return byToken.remove(token) != null;
    }

    @Override
    public synchronized boolean removeIfRegisteredBefore(DeviceToken token, Instant instant) {
        Registration r = byToken.get(token);
        return r != null && r.registered().isBefore(instant) && byToken.remove(token) != null;
    }

    @Override
    public synchronized List<Registration> registrationsOf(Collection<UserId> users) {
        Set<UserId> wanted = new HashSet<>(users);
        List<Registration> out = new ArrayList<>();
        byToken.values().stream().filter(r -> wanted.contains(r.user())).forEach(out::add);
        return out;
    }
}

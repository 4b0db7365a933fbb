package org.appmsg.application.fake;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.appmsg.application.port.out.PushPermissions;
import org.appmsg.domain.shared.UserId;

public final class InMemoryPushPermissions implements PushPermissions {

    private final Map<UserId, Boolean> broadcast = new ConcurrentHashMap<>();

    @Override
    public boolean mayBroadcast(UserId user) {
        return broadcast.getOrDefault(user, false);
    }

    @Override
    public void setBroadcast(UserId user, boolean allowed, Instant at) {
        broadcast.put(user, allowed);
    }
}

package org.appmsg.application.fake;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.appmsg.application.port.out.ShieldRepository;
import org.appmsg.domain.shared.AppId;
import org.appmsg.domain.shared.UserId;

public final class InMemoryShieldRepository implements ShieldRepository {

    private record Key(UserId user, AppId app) {}

    private final Map<Key, String> memos = new ConcurrentHashMap<>();
    private final AtomicInteger bulkQueries = new AtomicInteger();

    @Override
    public boolean shield(UserId user, AppId app, String memo) {
        return memos.putIfAbsent(new Key(user, app), memo) == null;
    }

    @Override
    public boolean unshield(UserId user, AppId app) {
        return memos.remove(new Key(user, app)) != null;
    }

    @Override
    public boolean isShielded(UserId user, AppId app) {
        return memos.containsKey(new Key(user, app));
    }

    @Override
    public Set<UserId> shieldersOf(AppId app, Collection<UserId> among) {
        bulkQueries.incrementAndGet();
        return among.stream().filter(u -> isShielded(u, app)).collect(Collectors.toUnmodifiableSet());
    }

    /** How often {@link #shieldersOf} was asked, for assertions. */
    public int bulkQueries() {
        return bulkQueries.get();
    }

    /** The memo kept with a shield, for assertions. */
    public String memo(UserId user, AppId app) {
        return memos.get(new Key(user, app));
    }
}

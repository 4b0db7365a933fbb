package org.appmsg.application.fake;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.appmsg.application.port.out.UserRepository;
import org.appmsg.domain.auth.PasswordHash;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.user.Device;
import org.appmsg.domain.user.User;

public final class InMemoryUserRepository implements UserRepository {

    private final Map<UserId, User> users = new ConcurrentHashMap<>();
    private final Map<String, Device> devices = new ConcurrentHashMap<>();

    @Override
    public synchronized Upsert upsert(User user) {
        boolean nameTaken = users.values().stream()
                .anyMatch(u -> !u.id().equals(user.id()) && u.profile().name().equals(user.profile().name()));
        if (nameTaken) {
            return Upsert.NAME_TAKEN;
        }
        User existing = users.get(user.id());
        if (existing == null) {
            users.put(user.id(), user);
            return Upsert.INSERTED;
        }
        if (!existing.tenant().equals(user.tenant())) {
            return Upsert.OTHER_TENANT;
        }
        users.put(user.id(), user.password().isSet() ? user : user.withPassword(existing.password()));
        return Upsert.UPDATED;
    }

    @Override
    public Optional<User> findById(UserId id) {
        return Optional.ofNullable(users.get(id));
    }

    @Override
    public Map<UserId, User> findByIds(Collection<UserId> ids) {
        return ids.stream().distinct().filter(users::containsKey)
                .collect(Collectors.toMap(id -> id, users::get, (a, b) -> a, LinkedHashMap::new));
    }

    @Override
    public Optional<User> findByLogin(String name) {
        List<User> found = new ArrayList<>();
        for (User u : users.values()) {
            boolean match = name.indexOf('@') >= 0 ? u.profile().email().equals(name) : u.profile().name().equals(name);
            if (match) {
                found.add(u);
            }
        }
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    @Override
    public void updatePassword(UserId id, PasswordHash password) {
        users.computeIfPresent(id, (k, u) -> u.withPassword(password));
    }

    @Override
    public void recordDevice(Device device) {
        devices.put(device.user().value() + "/" + device.deviceId(), device);
    }

    @Override
    public Page search(TenantId tenant, String key, int offset, int limit) {
        List<User> matches = users.values().stream()
                .filter(u -> u.tenant().equals(tenant))
                .filter(u -> matches(u, key))
                .sorted(Comparator.comparing((User u) -> u.profile().nickname()).thenComparing(u -> u.id().value()))
                .toList();
        List<User> page = matches.stream().skip(offset).limit(limit).toList();
        return new Page(page, matches.size());
    }

    @Override
    public List<UserId> idsOfTenant(TenantId tenant, String afterId, int limit) {
        return users.values().stream()
                .filter(u -> u.tenant().equals(tenant) && u.id().value().compareTo(afterId) > 0)
                .map(User::id)
                .sorted(Comparator.comparing(UserId::value))
                .limit(Math.max(limit, 0))
                .toList();
    }

    private static boolean matches(User u, String key) {
        var p = u.profile();
        return p.nickname().contains(key) || p.name().contains(key) || p.pyInitial().contains(key)
                || p.pyQuanPin().contains(key);
    }

    /** The devices recorded so far, for assertions. */
    public List<Device> devices() {
        return List.copyOf(devices.values());
    }

    @Override
    public void forgetCached(Collection<UserId> ids) {
        // nothing cached: every read sees the map
    }

    @Override
    public void forgetAllCached() {
        // nothing cached
    }
}

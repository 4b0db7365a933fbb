package org.appmsg.application.fake;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.appmsg.application.port.out.ContactRepository;
import org.appmsg.application.port.out.UserRepository;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.user.User;

public final class InMemoryContactRepository implements ContactRepository {

    private final UserRepository users;
    private final Map<UserId, Set<UserId>> contacts = new ConcurrentHashMap<>();

    public InMemoryContactRepository(UserRepository users) {
        this.users = users;
    }

    @Override
    public boolean add(UserId owner, UserId contact) {
        return contacts.computeIfAbsent(owner, k -> ConcurrentHashMap.newKeySet()).add(contact);
    }

    @Override
    public boolean remove(UserId owner, UserId contact) {
        Set<UserId> set = contacts.get(owner);
        return set != null && set.remove(contact);
    }

    @Override
    public boolean isContact(UserId owner, UserId contact) {
        return contacts.getOrDefault(owner, Set.of()).contains(contact);
    }

    @Override
    public List<User> contactsOf(UserId owner) {
        return contacts.getOrDefault(owner, Set.of()).stream()
                .map(users::findById)
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing((User u) -> u.profile().nickname()).thenComparing(u -> u.id().value()))
                .toList();
    }
}

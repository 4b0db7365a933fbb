package org.appmsg.application.fake;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.appmsg.application.port.out.OrgRepository;
import org.appmsg.application.port.out.UserRepository;
import org.appmsg.domain.org.Org;
import org.appmsg.domain.org.OrgMember;
import org.appmsg.domain.shared.OrgId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;

/** The org tree in maps; every save holds the one lock, so checks and the move are atomic. */
public final class InMemoryOrgRepository implements OrgRepository {

    private final UserRepository users;
    private final Map<OrgId, Org> orgs = new ConcurrentHashMap<>();
    /** org → user → sort */
    private final Map<OrgId, Map<UserId, Integer>> members = new ConcurrentHashMap<>();

    public InMemoryOrgRepository(UserRepository users) {
        this.users = users;
    }

    @Override
    public synchronized Save save(Org org) {
        Org existing = orgs.get(org.id());
        if (existing != null && !existing.tenant().equals(org.tenant())) {
            return Save.OTHER_TENANT;
        }
        int parentDepth = 0;
        if (org.parent().isPresent()) {
            Org parent = orgs.get(org.parent().get());
            if (parent == null || !parent.tenant().equals(org.tenant())) {
                return Save.UNKNOWN_PARENT;
            }
            if (existing != null && ancestry(parent).contains(org.id())) {
                return Save.OWN_ANCESTOR;
            }
            parentDepth = ancestry(parent).size();
        }
        int height = existing == null ? 1 : height(org.id());
        if (parentDepth + height > Org.MAX_DEPTH) {
            return Save.TOO_DEEP;
        }
        orgs.put(org.id(), org);
        return existing == null ? Save.INSERTED : Save.UPDATED;
    }

    /** The org and its ancestors' ids, the org first. */
    private List<OrgId> ancestry(Org org) {
        var chain = new ArrayList<OrgId>();
        Org at = org;
        while (at != null) {
            chain.add(at.id());
            at = at.parent().map(orgs::get).orElse(null);
        }
        return chain;
    }

    /** Levels from the org down to its deepest descendant, the org counting as 1. */
    private int height(OrgId id) {
        int below = 0;
        for (Org child : orgs.values()) {
            if (child.parent().filter(id::equals).isPresent()) {
                below = Math.max(below, height(child.id()));
            }
        }
        return below + 1;
    }

    @Override
    public Optional<Org> find(OrgId id) {
        return Optional.ofNullable(orgs.get(id));
    }

    @Override
    public List<Org> orgsOf(TenantId tenant) {
        return orgs.values().stream().filter(o -> o.tenant().equals(tenant)).toList();
    }

    /** A breadth-first walk over parent links, under the save lock so that it sees no move half-way. */
    @Override
    public synchronized List<OrgId> subtree(OrgId org) {
        Org top = orgs.get(org);
        if (top == null) {
            return List.of();
        }
        Map<OrgId, List<OrgId>> children = new HashMap<>();
        for (Org o : orgsOf(top.tenant())) {
            o.parent().ifPresent(p -> children.computeIfAbsent(p, k -> new ArrayList<>()).add(o.id()));
        }
        Set<OrgId> subtree = new LinkedHashSet<>(); // breadth first: parents before children
        subtree.add(org);
        List<OrgId> queue = new ArrayList<>(subtree);
        for (int i = 0; i < queue.size(); i++) {
            for (OrgId child : children.getOrDefault(queue.get(i), List.of())) {
                if (subtree.add(child)) {
                    queue.add(child);
                }
            }
        }
        return List.copyOf(subtree);
    }

    @Override
    public boolean addMember(OrgId org, UserId user, int sort) {
        return members.computeIfAbsent(org, k -> new ConcurrentHashMap<>()).putIfAbsent(user, sort) == null;
    }

    @Override
    public boolean removeMember(OrgId org, UserId user) {
        Map<UserId, Integer> m = members.get(org);
        return m != null && m.remove(user) != null;
    }

    @Override
    public List<OrgMember> members(OrgId org) {
        return members.getOrDefault(org, Map.of()).entrySet().stream()
                .flatMap(e -> users.findById(e.getKey()).map(u -> new OrgMember(u, e.getValue())).stream())
                .sorted(Comparator.comparingInt(OrgMember::sort).thenComparing(m -> m.user().id().value()))
                .toList();
    }

    @Override
    public List<Org> orgsOfUser(UserId user) {
        return members.entrySet().stream()
                .filter(e -> e.getValue().containsKey(user))
                .map(e -> orgs.get(e.getKey()))
                .filter(java.util.Objects::nonNull)
                .sorted(Comparator.comparing(o -> o.id().value()))
                .toList();
    }

    @Override
    public void forgetCached(TenantId tenant) {
        // nothing cached: every read sees the map
    }

    @Override
    public void forgetAllCached() {
        // nothing cached
    }
}

package org.appmsg.domain.qun;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.appmsg.domain.qun.Outcome.Changed;
import org.appmsg.domain.qun.Outcome.Refused;
import org.appmsg.domain.qun.Outcome.Unchanged;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.Text;
import org.appmsg.domain.shared.UserId;

/**
 * A chat group (群, {@code {id}@qun}) of one tenant, as an immutable snapshot. Operations never modify it: they
 * return an {@link Outcome} holding the group after the change, the rows that changed and the notices to send
 * (docs/groups.md is the full rule book).
 *
 * <p>Rules: only members may read the group or send to it; owner and admins may rename it and remove others
 * (an admin only plain members); any member may add members unless {@code ownerOnlyInvite}, then only the
 * owner; a group never has more than {@code maxMembers} members after an add; members are users of the
 * group's tenant. A group with members has exactly one owner: an owner who leaves hands ownership to the
 * longest-standing remaining member; when the last member leaves the group is dissolved (no members left,
 * {@link Changes#qunDissolved()}).
 *
 * <p>The canonical constructor checks structure only (for loading from storage): it orders {@code members}
 * by join order, and does not check the size against {@code maxMembers}, so a limit lowered later does not
 * make a fuller group unreadable; only adding is refused then.
 */
public record Qun(QunId id, TenantId tenant, String topic, int maxMembers, boolean ownerOnlyInvite,
        List<Member> members) {

    /** The longest topic, in UTF-16 chars. */
    public static final int MAX_TOPIC = 64;
    /** The member limit of a group created without one (legacy wrote 100 and never enforced it). */
    public static final int DEFAULT_MAX_MEMBERS = 500;
    /** The largest member limit a group may have. */
    public static final int MAX_MEMBERS_LIMIT = 10_000;

    private static final Comparator<Member> JOIN_ORDER = Comparator.comparingLong(Member::joinSeq)
            .thenComparing(m -> m.user().value());

    public Qun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        checkTopic(topic);
        checkMaxMembers(maxMembers);
        List<Member> ordered = new ArrayList<>(members);
        ordered.sort(JOIN_ORDER);
        members = List.copyOf(ordered);
        Set<UserId> seen = new HashSet<>();
        int owners = 0;
        for (Member m : members) {
            if (!seen.add(m.user())) {
                throw new DomainViolation("qun.duplicate_member", "user " + m.user() + " is listed twice in group " + id);
            }
            if (m.role() == Role.OWNER) {
                owners++;
            }
        }
        if (!members.isEmpty() && owners != 1) {
            throw new DomainViolation("qun.owner_count",
                    "group " + id + " must have exactly one owner while it has members, not " + owners);
        }
    }

    // ---- creation -------------------------------------------------------------------------------------------

    /** {@link #create(QunId, Person, String, List, int)} with {@link #DEFAULT_MAX_MEMBERS}. */
    public static Outcome create(QunId id, Person creator, String topic, List<Person> others) {
        return create(id, creator, topic, others, DEFAULT_MAX_MEMBERS);
    }

    /**
     * A new group in the creator's tenant: the creator is its owner, {@code others} (duplicates and the
     * creator himself skipped, order kept) its members; may be empty. Refused when one of {@code others} is of
     * another tenant ({@link Refusal#OTHER_TENANT}) or they are more than {@code maxMembers}
     * ({@link Refusal#FULL}). Notices: the creator gets {@code 您创建了群"T"}, every other member
     * {@code X邀请您加入了群聊"T"}.
     */
    public static Outcome create(QunId id, Person creator, String topic, List<Person> others, int maxMembers) {
        return create(id, creator, topic, others, maxMembers, false);
    }

    /**
     * {@link #create(QunId, Person, String, List, int)}, set from the start so that only the owner adds members
     * when {@code ownerOnlyInvite}; the same refusals and notices.
     */
    public static Outcome create(QunId id, Person creator, String topic, List<Person> others, int maxMembers,
            boolean ownerOnlyInvite) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(creator, "creator");
        checkTopic(topic);
        checkMaxMembers(maxMembers);
        Optional<Refused> foreign = otherTenant(creator.tenant(), others);
        if (foreign.isPresent()) {
            return foreign.get();
        }
        Map<UserId, Person> invited = new LinkedHashMap<>();
        for (Person p : others) {
            if (!p.id().equals(creator.id())) {
                invited.putIfAbsent(p.id(), p);
            }
        }
        if (1 + invited.size() > maxMembers) {
            return new Refused(Refusal.FULL, "a group may have at most " + maxMembers + " members, "
                    + (1 + invited.size()) + " were listed");
        }
        List<Member> members = new ArrayList<>();
        members.add(new Member(creator.id(), creator.nickname(), Role.OWNER, 0));
        long seq = 1;
        for (Person p : invited.values()) {
            members.add(new Member(p.id(), p.nickname(), Role.MEMBER, seq++));
        }
        Qun qun = new Qun(id, creator.tenant(), topic, maxMembers, ownerOnlyInvite, members);
        List<Notice> notices = new ArrayList<>();
        notices.add(new Notice(creator.id(), Notices.youCreated(topic)));
        for (Member m : members.subList(1, members.size())) {
            notices.add(new Notice(m.user(), Notices.invitedYouToNew(creator.displayName(), topic)));
        }
        return new Changed(qun, Changes.created(qun.members()), notices);
    }

    // ---- queries --------------------------------------------------------------------------------------------

    public Optional<Member> member(UserId user) {
        return members.stream().filter(m -> m.user().equals(user)).findFirst();
    }

    public boolean isMember(UserId user) {
        return member(user).isPresent();
    }

    /** Only members may read the group (its info and member list). */
    public boolean canRead(UserId user) {
        return isMember(user);
    }

    /** Only members may send to the group; a non-member sender gets ret 65538 (legacy, issue #65). */
    public boolean canSend(UserId user) {
        return isMember(user);
    }

    /** The owner; empty only when the group is dissolved. */
    public Optional<Member> owner() {
        return members.stream().filter(m -> m.role() == Role.OWNER).findFirst();
    }

    /** The members' user ids in join order: the recipients of a message to the group. */
    public List<UserId> memberIds() {
        return members.stream().map(Member::user).toList();
    }

    /** No members left: the last one left and the group is gone. */
    public boolean isDissolved() {
        return members.isEmpty();
    }

    // ---- operations -----------------------------------------------------------------------------------------

    /**
     * Renames the group; owner and admins only. The same topic again is {@link Unchanged}. Notices:
     * {@code 您修改了群名为"T"} to the actor, {@code X修改了群名为"T"} to every other member.
     */
    public Outcome rename(UserId actor, String newTopic) {
        checkTopic(newTopic);
        Optional<Member> found = member(actor);
        if (found.isEmpty()) {
            return notMember(actor);
        }
        Member a = found.get();
        if (!a.role().manages()) {
            return new Refused(Refusal.NOT_ALLOWED, "only the owner and admins may rename group " + id);
        }
        if (newTopic.equals(topic)) {
            return new Unchanged(this);
        }
        Qun after = new Qun(id, tenant, newTopic, maxMembers, ownerOnlyInvite, members);
        List<Notice> notices = new ArrayList<>();
        notices.add(new Notice(actor, Notices.youRenamed(newTopic)));
        tellOthers(members, actor, Notices.renamed(a.displayName(), newTopic), notices);
        return new Changed(after, Changes.updated(), notices);
    }

    /**
     * Adds {@code people} (at least one; duplicates and current members skipped, order kept) as plain members.
     * Any member may add, only the owner when {@code ownerOnlyInvite}. All-or-nothing: refused if anyone is of
     * another tenant or the group would exceed {@code maxMembers}. Nobody new is {@link Unchanged} (no notice).
     * Notices, N = the number actually added: {@code 您邀请A、B等N人加入了群聊} to the actor,
     * {@code 您被X邀请加入群聊} to each added member, {@code X邀请A、B等N人加入了群聊} to every other member.
     */
    public Outcome add(UserId actor, List<Person> people) {
        requireListed(people, "add");
        Optional<Member> a = member(actor);
        if (a.isEmpty()) {
            return notMember(actor);
        }
        if (ownerOnlyInvite && a.get().role() != Role.OWNER) {
            return new Refused(Refusal.NOT_ALLOWED, "only the owner may add members to group " + id);
        }
        Optional<Refused> foreign = otherTenant(tenant, people);
        if (foreign.isPresent()) {
            return foreign.get();
        }
        Set<UserId> current = new HashSet<>(memberIds()); // one set, not a scan of the members per person
        Map<UserId, Person> fresh = new LinkedHashMap<>();
        for (Person p : people) {
            if (!current.contains(p.id())) {
                fresh.putIfAbsent(p.id(), p);
            }
        }
        if (fresh.isEmpty()) {
            return new Unchanged(this);
        }
        if (members.size() + fresh.size() > maxMembers) {
            return new Refused(Refusal.FULL, "group " + id + " may have at most " + maxMembers + " members; it has "
                    + members.size() + " and " + fresh.size() + " more were listed");
        }
        long seq = nextSeq();
        List<Member> added = new ArrayList<>();
        for (Person p : fresh.values()) {
            added.add(new Member(p.id(), p.nickname(), Role.MEMBER, seq++));
        }
        List<Member> all = new ArrayList<>(members);
        all.addAll(added);
        Qun after = withMembers(all);

        String x = a.get().displayName();
        List<String> names = added.stream().map(Member::displayName).toList();
        List<Notice> notices = new ArrayList<>();
        notices.add(new Notice(actor, Notices.youInvited(names)));
        for (Member m : added) {
            notices.add(new Notice(m.user(), Notices.invitedYou(x)));
        }
        tellOthers(members, actor, Notices.invited(x, names), notices);
        return new Changed(after, Changes.added(added), notices);
    }

    /**
     * Removes {@code users} (at least one; duplicates and non-members skipped). Only owner and admins remove
     * others: the owner anyone, an admin only plain members; all-or-nothing. The actor listing himself leaves
     * ({@link #leave}), after removing the others if any. Nobody to remove is {@link Unchanged}. Notices,
     * N = the number removed: {@code 您将A、B等N人移出了群聊} to the actor, {@code 您被X移出了群聊} to each removed
     * member, {@code X将A、B等N人移出了群聊} to every other remaining member (then the leave notices, if the actor
     * listed himself).
     */
    public Outcome remove(UserId actor, List<UserId> users) {
        requireListed(users, "remove");
        Optional<Member> a = member(actor);
        if (a.isEmpty()) {
            return notMember(actor);
        }
        Set<UserId> listed = new LinkedHashSet<>(users);
        boolean self = listed.remove(actor);
        Map<UserId, Member> byUser = new HashMap<>(); // one map, not a scan of the members per listed user
        members.forEach(m -> byUser.put(m.user(), m));
        List<Member> targets = new ArrayList<>();
        for (UserId u : listed) {
            Member t = byUser.get(u);
            if (t != null) {
                targets.add(t);
            }
        }
        if (targets.isEmpty()) {
            return self ? leave(actor) : new Unchanged(this);
        }
        Role role = a.get().role();
        if (!role.manages()) {
            return new Refused(Refusal.NOT_ALLOWED, "only the owner and admins may remove members of group " + id);
        }
        for (Member t : targets) {
            if (!role.mayRemove(t.role())) {
                return new Refused(Refusal.NOT_ALLOWED, "an admin may remove only plain members; "
                        + t.user() + " is " + t.role().name().toLowerCase(Locale.ROOT));
            }
        }
        Set<UserId> gone = new HashSet<>();
        targets.forEach(t -> gone.add(t.user()));
        Qun after = withMembers(members.stream().filter(m -> !gone.contains(m.user())).toList());

        String x = a.get().displayName();
        List<String> names = targets.stream().map(Member::displayName).toList();
        List<Notice> notices = new ArrayList<>();
        notices.add(new Notice(actor, Notices.youRemoved(names)));
        for (Member t : targets) {
            notices.add(new Notice(t.user(), Notices.removedYou(x)));
        }
        tellOthers(after.members, actor, Notices.removed(x, names), notices);
        Changed removed = new Changed(after,
                Changes.removed(targets.stream().map(Member::user).toList(), List.of(), false), notices);
        if (!self) {
            return removed;
        }
        Changed left = (Changed) after.leave(actor); // the actor is still a member of after
        List<Notice> all = new ArrayList<>(removed.notices());
        all.addAll(left.notices());
        return new Changed(left.qun(), removed.changes().then(left.changes()), all);
    }

    /**
     * The actor leaves. An owner hands ownership to the longest-standing remaining member (smallest
     * {@link Member#joinSeq()}, whatever his role); the last member leaving dissolves the group. Notices:
     * {@code 您退出了群聊} to the leaver, {@code X退出了群聊} to every remaining member.
     */
    public Outcome leave(UserId actor) {
        Optional<Member> a = member(actor);
        if (a.isEmpty()) {
            return notMember(actor);
        }
        List<Member> rest = new ArrayList<>(members.stream().filter(m -> !m.user().equals(actor)).toList());
        List<Member> roleChanged = new ArrayList<>();
        if (a.get().role() == Role.OWNER && !rest.isEmpty()) {
            Member heir = rest.get(0).withRole(Role.OWNER); // members are in join order
            rest.set(0, heir);
            roleChanged.add(heir);
        }
        Qun after = withMembers(rest);
        List<Notice> notices = new ArrayList<>();
        notices.add(new Notice(actor, Notices.youLeft()));
        tellOthers(rest, actor, Notices.left(a.get().displayName()), notices);
        return new Changed(after, Changes.removed(List.of(actor), roleChanged, rest.isEmpty()), notices);
    }

    /**
     * The owner sets the role of {@code target}. Making someone {@link Role#OWNER} transfers ownership: the
     * previous owner becomes an admin. The owner cannot demote himself (he transfers ownership or leaves
     * instead). The role it already has is {@link Unchanged}. No notice (none is defined).
     */
    public Outcome setRole(UserId actor, UserId target, Role role) {
        Objects.requireNonNull(role, "role");
        Optional<Member> a = member(actor);
        if (a.isEmpty()) {
            return notMember(actor);
        }
        if (a.get().role() != Role.OWNER) {
            return new Refused(Refusal.NOT_ALLOWED, "only the owner may change roles in group " + id);
        }
        Optional<Member> t = member(target);
        if (t.isEmpty()) {
            return new Refused(Refusal.UNKNOWN_MEMBER, "user " + target + " is not a member of group " + id);
        }
        if (t.get().role() == role) {
            return new Unchanged(this);
        }
        if (target.equals(actor)) {
            return new Refused(Refusal.NOT_ALLOWED,
                    "the owner cannot step down without a successor: make another member owner, or leave");
        }
        List<Member> roleChanged = new ArrayList<>();
        roleChanged.add(t.get().withRole(role));
        if (role == Role.OWNER) {
            roleChanged.add(a.get().withRole(Role.ADMIN));
        }
        List<Member> all = new ArrayList<>();
        for (Member m : members) {
            all.add(roleChanged.stream().filter(c -> c.user().equals(m.user())).findFirst().orElse(m));
        }
        return new Changed(withMembers(all), Changes.roles(roleChanged), List.of());
    }

    /** The owner decides whether only he may add members. The current setting again is {@link Unchanged}. */
    public Outcome setOwnerOnlyInvite(UserId actor, boolean ownerOnly) {
        Optional<Member> a = member(actor);
        if (a.isEmpty()) {
            return notMember(actor);
        }
        if (a.get().role() != Role.OWNER) {
            return new Refused(Refusal.NOT_ALLOWED, "only the owner may change who adds members to group " + id);
        }
        if (ownerOnly == ownerOnlyInvite) {
            return new Unchanged(this);
        }
        return new Changed(new Qun(id, tenant, topic, maxMembers, ownerOnly, members), Changes.updated(), List.of());
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private Refused notMember(UserId actor) {
        return new Refused(Refusal.NOT_MEMBER, "user " + actor + " is not a member of group " + id);
    }

    /** Adds a notice with {@code text} for every one of {@code members} but the actor, in their order. */
    private static void tellOthers(List<Member> members, UserId actor, String text, List<Notice> notices) {
        for (Member m : members) {
            if (!m.user().equals(actor)) {
                notices.add(new Notice(m.user(), text));
            }
        }
    }

    private long nextSeq() {
        return members.isEmpty() ? 0 : members.get(members.size() - 1).joinSeq() + 1;
    }

    private Qun withMembers(List<Member> newMembers) {
        return new Qun(id, tenant, topic, maxMembers, ownerOnlyInvite, newMembers);
    }

    private static Optional<Refused> otherTenant(TenantId tenant, List<Person> people) {
        return people.stream().filter(p -> !p.tenant().equals(tenant)).findFirst()
                .map(p -> new Refused(Refusal.OTHER_TENANT,
                        "user " + p.id() + " is of another tenant; a group's members are all of tenant " + tenant));
    }

    private static void requireListed(List<?> users, String what) {
        if (users.isEmpty()) {
            throw new DomainViolation("qun.no_members", "list at least one member to " + what);
        }
        users.forEach(u -> Objects.requireNonNull(u, "member"));
    }

    private static void checkTopic(String topic) {
        Text.required("topic", topic, MAX_TOPIC);
    }

    private static void checkMaxMembers(int maxMembers) {
        if (maxMembers < 1 || maxMembers > MAX_MEMBERS_LIMIT) {
            throw new DomainViolation("qun.max_members_out_of_range",
                    "maxMember must be between 1 and " + MAX_MEMBERS_LIMIT + ", not " + maxMembers);
        }
    }
}

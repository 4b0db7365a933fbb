package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.appmsg.application.fake.ForwardingQunRepository;
import org.appmsg.application.fake.InMemoryQunRepository;
import org.appmsg.application.port.in.AddQunMembersUseCase;
import org.appmsg.application.port.in.CreateQunUseCase;
import org.appmsg.application.port.in.GetQunMembersUseCase;
import org.appmsg.application.port.in.QunResult;
import org.appmsg.application.port.in.RemoveQunMembersUseCase;
import org.appmsg.application.port.in.RenameQunUseCase;
import org.appmsg.application.port.in.SetQunInviteUseCase;
import org.appmsg.application.port.in.SetQunMemberRoleUseCase;
import org.appmsg.application.port.out.QunRepository;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.appmsg.application.port.out.UserRepository;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.qun.Changes;
import org.appmsg.domain.qun.Qun;
import org.appmsg.domain.qun.QunId;
import org.appmsg.domain.qun.Refusal;
import org.appmsg.domain.qun.Role;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.user.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The group services over fakes: every outcome, the notices and who gets them, the conflict retry. */
class QunServicesTest {

    private static final Duration LIFETIME = Duration.ofDays(7);

    private final Fixture f = new Fixture();
    private final InMemoryQunRepository store = f.quns;
    /** Conflicts to answer before letting an apply through; {@link #beforeApply} runs first on each apply. */
    private final AtomicInteger conflicts = new AtomicInteger();
    private Runnable beforeApply = () -> {};
    private final QunRepository quns = new ForwardingQunRepository(store) {
        @Override
        public Applied apply(Qun after, long expectedVersion, Changes changes, List<NoticeDelivery> notices) {
            Runnable hook = beforeApply;
            beforeApply = () -> {};
            hook.run();
            if (conflicts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return new Applied.Conflict();
            }
            return super.apply(after, expectedVersion, changes, notices);
        }
    };

    private final CreateQunService create = new CreateQunService(f.authenticate, f.users, quns, f.live, f.presence,
            f.ids, f.clock, LIFETIME);
    private final GetQunMembersService get = new GetQunMembersService(f.authenticate, f.users, quns);
    private final RenameQunService rename = new RenameQunService(f.authenticate, f.users, quns, f.live, f.presence,
            f.ids, f.clock, LIFETIME);
    private final AddQunMembersService add = new AddQunMembersService(f.authenticate, f.users, quns, f.live,
            f.presence, f.ids, f.clock, LIFETIME);
    private final RemoveQunMembersService remove = new RemoveQunMembersService(f.authenticate, f.users, quns, f.live,
            f.presence, f.ids, f.clock, LIFETIME);
    private final QunOwnerService owner = new QunOwnerService(f.authenticate, f.users, quns, f.live, f.presence,
            f.ids, f.clock, LIFETIME);

    private Secret ann;
    private Secret bob;
    private Secret cid;
    private Secret dan;
    private Secret eve;

    @BeforeEach
    void users() {
        f.user("ann", "t1");
        f.user("bob", "t1");
        f.user("cid", "t1");
        f.user("dan", "t1");
        f.user("eve", "t2");
        ann = f.tokenOf("ann");
        bob = f.tokenOf("bob");
        cid = f.tokenOf("cid");
        dan = f.tokenOf("dan");
        eve = f.tokenOf("eve");
    }

    private static List<UserId> ids(String... ids) {
        return java.util.Arrays.stream(ids).map(UserId::new).toList();
    }

    /** Ann creates "Team" with bob; returns its id. */
    private QunId team() {
        var done = (QunResult.Done) create.create(new CreateQunUseCase.Command(ann, "Team", ids("bob")));
        return done.qun().id();
    }

    private List<String> contents(String user) {
        return f.mailbox.readAfter(Name.parse(user + "@user"), 0, 100, f.clock.instant()).stream()
                .map(e -> e.json().substring(e.json().indexOf("\"content\":\"") + 11, e.json().indexOf("\",\"expire\""))
                        .replace("\\\"", "\""))
                .toList();
    }

    private List<MailboxEntry> entries(String user) {
        return f.mailbox.readAfter(Name.parse(user + "@user"), 0, 100, f.clock.instant());
    }

    // create

    @Test
    void create_makes_the_caller_owner_and_notifies_every_member() {
        var result = create.create(new CreateQunUseCase.Command(ann, "Team", ids("bob", "cid", "bob", "ann")));

        var done = (QunResult.Done) result;
        assertThat(done.qun().members()).extracting(m -> m.user().value(), m -> m.role())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ann", Role.OWNER),
                        org.assertj.core.groups.Tuple.tuple("bob", Role.MEMBER),
                        org.assertj.core.groups.Tuple.tuple("cid", Role.MEMBER));
        assertThat(done.members()).extracting(User::id).containsExactlyElementsOf(ids("ann", "bob", "cid"));
        assertThat(store.find(done.qun().id())).isPresent();
        assertThat(contents("ann")).containsExactly("您创建了群\"Team\"");
        assertThat(contents("bob")).containsExactly("Nick ann邀请您加入了群聊\"Team\"");
        assertThat(contents("cid")).containsExactly("Nick ann邀请您加入了群聊\"Team\"");
    }

    @Test
    void a_notice_is_a_type_51_message_from_the_group_named_after_its_topic() {
        QunId id = team();

        String qun = id.name().toString();
        assertThat(entries("bob")).singleElement().satisfies(e -> assertThat(e.json()).isEqualTo(
                "{\"msgId\":\"" + e.messageId() + "\",\"fromUserName\":\"" + qun + "\",\"fromDisplayName\":\"Team\","
                        + "\"toUserName\":\"bob@user\",\"toDisplayName\":\"Nick bob\",\"msgType\":51,"
                        + "\"content\":\"Nick ann邀请您加入了群聊\\\"Team\\\"\",\"expire\":604800,\"deviceID\":\"\"}"));
    }

    @Test
    void notices_go_live_to_every_session_of_each_recipient() {
        f.presence.open(new SessionId(new UserId("bob"), "iOS-1"), f.clock.instant());
        f.presence.open(new SessionId(new UserId("bob"), "Android-2"), f.clock.instant());

        team();

        assertThat(f.live.delivered()).extracting(l -> l.entry().mailbox().toString())
                .containsExactly("ann@user", "bob@user");
        assertThat(f.live.delivered().get(1).sessions()).containsExactlyInAnyOrder(
                new SessionId(new UserId("bob"), "iOS-1"), new SessionId(new UserId("bob"), "Android-2"));
        assertThat(f.live.delivered().get(1).entry().stored()).isTrue();
    }

    @Test
    void create_refuses_bad_tokens_unknown_users_and_other_tenants_without_storing() {
        assertThat(create.create(new CreateQunUseCase.Command(new Secret("nope"), "Team", ids("bob"))))
                .isInstanceOf(QunResult.Unauthorized.class);
        assertThat(create.create(new CreateQunUseCase.Command(ann, "Team", ids("bob", "ghost"))))
                .isEqualTo(new QunResult.NotFound("user ghost does not exist"));
        assertThat(create.create(new CreateQunUseCase.Command(ann, "Team", ids("eve"))))
                .as("another tenant's user answers as an unknown one")
                .isEqualTo(new QunResult.NotFound("user eve does not exist"));
        assertThat(store.qunsOf(new UserId("ann"))).isEmpty();
        assertThat(f.mailbox.messageCount()).isZero();
        assertThat(f.live.delivered()).isEmpty();
    }

    @Test
    void create_retries_with_a_new_id_when_the_id_is_taken() {
        conflicts.set(2);

        var done = (QunResult.Done) create.create(new CreateQunUseCase.Command(ann, "Team", ids("bob")));

        assertThat(store.find(done.qun().id())).isPresent();
        assertThat(contents("ann")).containsExactly("您创建了群\"Team\"");
    }

    // get

    @Test
    void members_read_the_group_others_are_refused() {
        QunId id = team();

        var done = (QunResult.Done) get.get(new GetQunMembersUseCase.Query(bob, id));
        assertThat(done.members()).extracting(User::id).containsExactlyElementsOf(ids("ann", "bob"));
        assertThat(done.qun().topic()).isEqualTo("Team");
        assertThat(get.get(new GetQunMembersUseCase.Query(cid, id)))
                .isEqualTo(new QunResult.Refused(Refusal.NOT_MEMBER, "only members may read group " + id.name()));
        assertThat(get.get(new GetQunMembersUseCase.Query(ann, new QunId("nothere"))))
                .isEqualTo(new QunResult.NotFound("group nothere@qun does not exist"));
        assertThat(get.get(new GetQunMembersUseCase.Query(new Secret("nope"), id)))
                .isInstanceOf(QunResult.Unauthorized.class);
    }

    @Test
    void a_group_reports_when_it_was_created_and_every_change_moves_updated() {
        Instant t0 = f.clock.instant();
        var created = (QunResult.Done) create.create(new CreateQunUseCase.Command(ann, "Team", ids("bob")));
        QunId id = created.qun().id();
        assertThat(created.created()).isEqualTo(t0);
        assertThat(created.updated()).isEqualTo(t0);

        f.advance(Duration.ofMinutes(1));
        var renamed = (QunResult.Done) rename.rename(new RenameQunUseCase.Command(ann, id, "Crew"));
        assertThat(renamed.created()).isEqualTo(t0);
        assertThat(renamed.updated()).isEqualTo(t0.plusSeconds(60));

        f.advance(Duration.ofMinutes(1));
        var unchanged = (QunResult.Done) add.add(new AddQunMembersUseCase.Command(ann, id, ids("bob")));
        assertThat(unchanged.updated()).as("no change, no new time").isEqualTo(t0.plusSeconds(60));
        var added = (QunResult.Done) add.add(new AddQunMembersUseCase.Command(ann, id, ids("cid")));
        assertThat(added.updated()).isEqualTo(t0.plusSeconds(120));
        // a second change in the same instant still moves updated forward
        var removed = (QunResult.Done) remove.remove(new RemoveQunMembersUseCase.Command(ann, id, ids("cid")));
        assertThat(removed.updated()).isEqualTo(t0.plusSeconds(120).plusMillis(1));

        var read = (QunResult.Done) get.get(new GetQunMembersUseCase.Query(bob, id));
        assertThat(read.created()).isEqualTo(t0);
        assertThat(read.updated()).isEqualTo(removed.updated());
    }

    @Test
    void members_are_looked_up_together_not_one_by_one() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            f.user("m" + i, "t1");
            many.add("m" + i);
        }
        Map<String, Integer> calls = new ConcurrentHashMap<>();
        UserRepository counted = (UserRepository) Proxy.newProxyInstance(UserRepository.class.getClassLoader(),
                new Class<?>[] {UserRepository.class}, (proxy, method, args) -> {
                    calls.merge(method.getName(), 1, Integer::sum);
                    try {
                        return method.invoke(f.users, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        var countedCreate = new CreateQunService(f.authenticate, counted, quns, f.live, f.presence, f.ids, f.clock,
                LIFETIME, 500);
        var countedAdd = new AddQunMembersService(f.authenticate, counted, quns, f.live, f.presence, f.ids, f.clock,
                LIFETIME);
        var countedGet = new GetQunMembersService(f.authenticate, counted, quns);

        var created = (QunResult.Done) countedCreate.create(new CreateQunUseCase.Command(ann, "Big",
                ids(many.subList(0, 60).toArray(String[]::new))));
        var added = (QunResult.Done) countedAdd.add(new AddQunMembersUseCase.Command(ann, created.qun().id(),
                ids(many.subList(60, 120).toArray(String[]::new))));
        var read = (QunResult.Done) countedGet.get(new GetQunMembersUseCase.Query(ann, created.qun().id()));

        assertThat(added.members()).hasSize(121);
        assertThat(read.members()).extracting(User::id).containsExactlyElementsOf(added.members().stream()
                .map(User::id).toList());
        // create and add: the listed users, then the members; get: the members
        assertThat(calls).containsExactly(Map.entry("findByIds", 5));
    }

    // rename

    @Test
    void the_owner_renames_and_every_member_hears_it() {
        QunId id = team();

        var done = (QunResult.Done) rename.rename(new RenameQunUseCase.Command(ann, id, "Crew"));

        assertThat(done.qun().topic()).isEqualTo("Crew");
        assertThat(contents("ann")).last().isEqualTo("您修改了群名为\"Crew\"");
        assertThat(contents("bob")).last().isEqualTo("Nick ann修改了群名为\"Crew\"");
        assertThat(entries("bob").get(1).json()).contains("\"fromDisplayName\":\"Crew\"");
    }

    @Test
    void rename_refusals_and_no_op_send_nothing() {
        QunId id = team();
        int before = f.mailbox.messageCount();

        assertThat(rename.rename(new RenameQunUseCase.Command(bob, id, "Crew")))
                .isInstanceOfSatisfying(QunResult.Refused.class, r -> assertThat(r.reason()).isEqualTo(Refusal.NOT_ALLOWED));
        assertThat(rename.rename(new RenameQunUseCase.Command(cid, id, "Crew")))
                .isInstanceOfSatisfying(QunResult.Refused.class, r -> assertThat(r.reason()).isEqualTo(Refusal.NOT_MEMBER));
        assertThat(rename.rename(new RenameQunUseCase.Command(ann, id, "Team"))).isInstanceOf(QunResult.Done.class);
        assertThat(rename.rename(new RenameQunUseCase.Command(ann, new QunId("nothere"), "Crew")))
                .isInstanceOf(QunResult.NotFound.class);
        assertThat(rename.rename(new RenameQunUseCase.Command(new Secret("nope"), id, "Crew")))
                .isInstanceOf(QunResult.Unauthorized.class);
        assertThat(f.mailbox.messageCount()).isEqualTo(before);
    }

    // add

    @Test
    void a_member_adds_users_and_actor_added_and_others_get_their_texts() {
        QunId id = team();

        var done = (QunResult.Done) add.add(new AddQunMembersUseCase.Command(bob, id, ids("cid", "dan", "ann")));

        assertThat(done.members()).extracting(User::id).containsExactlyElementsOf(ids("ann", "bob", "cid", "dan"));
        assertThat(contents("bob")).last().isEqualTo("您邀请Nick cid、Nick dan等2人加入了群聊");
        assertThat(contents("cid")).containsExactly("您被Nick bob邀请加入群聊");
        assertThat(contents("dan")).containsExactly("您被Nick bob邀请加入群聊");
        assertThat(contents("ann")).last().isEqualTo("Nick bob邀请Nick cid、Nick dan等2人加入了群聊");
    }

    @Test
    void adding_only_members_changes_nothing_and_sends_nothing() {
        QunId id = team();
        int before = f.mailbox.messageCount();

        assertThat(add.add(new AddQunMembersUseCase.Command(ann, id, ids("bob"))))
                .isInstanceOfSatisfying(QunResult.Done.class, d -> assertThat(d.members()).hasSize(2));
        assertThat(f.mailbox.messageCount()).isEqualTo(before);
    }

    @Test
    void add_refuses_unknown_users_other_tenants_and_non_members() {
        QunId id = team();

        assertThat(add.add(new AddQunMembersUseCase.Command(ann, id, ids("ghost"))))
                .isEqualTo(new QunResult.NotFound("user ghost does not exist"));
        assertThat(add.add(new AddQunMembersUseCase.Command(ann, id, ids("eve"))))
                .isEqualTo(new QunResult.NotFound("user eve does not exist"));
        assertThat(add.add(new AddQunMembersUseCase.Command(cid, id, ids("dan"))))
                .isInstanceOfSatisfying(QunResult.Refused.class, r -> assertThat(r.reason()).isEqualTo(Refusal.NOT_MEMBER));
        assertThat(add.add(new AddQunMembersUseCase.Command(eve, id, ids("dan"))))
                .as("to another tenant's user the group is unknown, as are the users listed")
                .isInstanceOf(QunResult.NotFound.class);
        assertThat(get.get(new GetQunMembersUseCase.Query(ann, id)))
                .isInstanceOfSatisfying(QunResult.Done.class, d -> assertThat(d.members()).hasSize(2));
    }

    // remove and leave

    @Test
    void the_owner_removes_a_member() {
        QunId id = team();
        add.add(new AddQunMembersUseCase.Command(ann, id, ids("cid")));

        var done = (QunResult.Done) remove.remove(new RemoveQunMembersUseCase.Command(ann, id, ids("cid")));

        assertThat(done.members()).extracting(User::id).containsExactlyElementsOf(ids("ann", "bob"));
        assertThat(contents("ann")).last().isEqualTo("您将Nick cid等1人移出了群聊");
        assertThat(contents("cid")).last().isEqualTo("您被Nick ann移出了群聊");
        assertThat(contents("bob")).last().isEqualTo("Nick ann将Nick cid等1人移出了群聊");
        assertThat(entries("cid").getLast().json()).contains("\"toDisplayName\":\"Nick cid\"");
    }

    @Test
    void a_member_listing_himself_leaves_and_may_not_remove_others() {
        QunId id = team();
        add.add(new AddQunMembersUseCase.Command(ann, id, ids("cid")));

        assertThat(remove.remove(new RemoveQunMembersUseCase.Command(bob, id, ids("cid"))))
                .isInstanceOfSatisfying(QunResult.Refused.class, r -> assertThat(r.reason()).isEqualTo(Refusal.NOT_ALLOWED));
        var done = (QunResult.Done) remove.remove(new RemoveQunMembersUseCase.Command(bob, id, ids("bob")));

        assertThat(done.qun().isMember(new UserId("bob"))).isFalse();
        assertThat(contents("bob")).last().isEqualTo("您退出了群聊");
        assertThat(contents("ann")).last().isEqualTo("Nick bob退出了群聊");
        assertThat(contents("cid")).last().isEqualTo("Nick bob退出了群聊");
        assertThat(remove.remove(new RemoveQunMembersUseCase.Command(dan, id, ids("dan"))))
                .isInstanceOfSatisfying(QunResult.Refused.class, r -> assertThat(r.reason()).isEqualTo(Refusal.NOT_MEMBER));
    }

    @Test
    void the_last_one_out_dissolves_the_group() {
        QunId id = team();
        remove.remove(new RemoveQunMembersUseCase.Command(ann, id, ids("ann")));

        var done = (QunResult.Done) remove.remove(new RemoveQunMembersUseCase.Command(bob, id, ids("bob")));

        assertThat(done.qun().isDissolved()).isTrue();
        assertThat(done.members()).isEmpty();
        assertThat(store.find(id)).isEmpty();
        assertThat(get.get(new GetQunMembersUseCase.Query(bob, id))).isInstanceOf(QunResult.NotFound.class);
    }

    // roles and owner-only invite

    private QunResult role(Secret token, QunId id, String member, Role role) {
        return owner.setRole(new SetQunMemberRoleUseCase.Command(token, id, new UserId(member), role));
    }

    private QunResult invite(Secret token, QunId id, boolean ownerOnly) {
        return owner.setInvite(new SetQunInviteUseCase.Command(token, id, ownerOnly));
    }

    private Role roleOf(QunId id, String user) {
        return store.find(id).orElseThrow().qun().member(new UserId(user)).orElseThrow().role();
    }

    private long version(QunId id) {
        return store.find(id).orElseThrow().version();
    }

    private static Refusal refusal(QunResult result) {
        assertThat(result).isInstanceOf(QunResult.Refused.class);
        return ((QunResult.Refused) result).reason();
    }

    /** Ann's "Team" with bob, cid and dan as plain members. */
    private QunId crew() {
        QunId id = team();
        add.add(new AddQunMembersUseCase.Command(ann, id, ids("cid", "dan")));
        return id;
    }

    @Test
    void the_owner_makes_an_admin_who_may_rename_and_remove_plain_members_but_not_the_owner_or_an_admin() {
        QunId id = crew();
        int notices = f.mailbox.messageCount();

        var done = (QunResult.Done) role(ann, id, "bob", Role.ADMIN);
        assertThat(done.qun().member(new UserId("bob")).orElseThrow().role()).isEqualTo(Role.ADMIN);
        assertThat(roleOf(id, "bob")).as("stored").isEqualTo(Role.ADMIN);
        assertThat(f.mailbox.messageCount()).as("a role change sends no notice").isEqualTo(notices);
        assertThat(role(ann, id, "dan", Role.ADMIN)).isInstanceOf(QunResult.Done.class);

        assertThat(rename.rename(new RenameQunUseCase.Command(bob, id, "Crew"))).isInstanceOf(QunResult.Done.class);
        var removed = (QunResult.Done) remove.remove(new RemoveQunMembersUseCase.Command(bob, id, ids("cid")));
        assertThat(removed.members()).extracting(User::id).containsExactlyElementsOf(ids("ann", "bob", "dan"));
        long before = version(id);
        assertThat(refusal(remove.remove(new RemoveQunMembersUseCase.Command(bob, id, ids("ann")))))
                .isEqualTo(Refusal.NOT_ALLOWED);
        assertThat(refusal(remove.remove(new RemoveQunMembersUseCase.Command(bob, id, ids("dan")))))
                .isEqualTo(Refusal.NOT_ALLOWED);
        assertThat(refusal(role(bob, id, "ann", Role.MEMBER))).as("an admin sets no roles").isEqualTo(Refusal.NOT_ALLOWED);
        assertThat(version(id)).isEqualTo(before);
        assertThat(store.find(id).orElseThrow().qun().memberIds()).containsExactlyElementsOf(ids("ann", "bob", "dan"));
    }

    @Test
    void only_the_owner_sets_roles_and_every_refusal_leaves_the_group_as_it_was() {
        QunId id = crew();
        long before = version(id);
        int notices = f.mailbox.messageCount();

        assertThat(refusal(role(bob, id, "cid", Role.ADMIN))).isEqualTo(Refusal.NOT_ALLOWED);
        assertThat(refusal(role(bob, id, "bob", Role.OWNER))).isEqualTo(Refusal.NOT_ALLOWED);
        assertThat(role(eve, id, "bob", Role.ADMIN)).as("another tenant's group is unknown")
                .isEqualTo(new QunResult.NotFound("group " + id.name() + " does not exist"));
        assertThat(refusal(role(ann, id, "ghost", Role.ADMIN))).isEqualTo(Refusal.UNKNOWN_MEMBER);
        assertThat(refusal(role(ann, id, "ann", Role.MEMBER))).as("the owner does not step down").isEqualTo(Refusal.NOT_ALLOWED);
        assertThat(role(ann, new QunId("nothere"), "bob", Role.ADMIN)).isInstanceOf(QunResult.NotFound.class);
        assertThat(role(new Secret("nope"), id, "bob", Role.ADMIN)).isInstanceOf(QunResult.Unauthorized.class);
        assertThat(role(ann, id, "bob", Role.MEMBER)).as("the role he has: done, nothing written")
                .isInstanceOf(QunResult.Done.class);

        assertThat(version(id)).isEqualTo(before);
        assertThat(roleOf(id, "bob")).isEqualTo(Role.MEMBER);
        assertThat(roleOf(id, "cid")).isEqualTo(Role.MEMBER);
        assertThat(f.mailbox.messageCount()).isEqualTo(notices);
    }

    @Test
    void making_a_member_owner_hands_over_ownership_and_the_old_owner_becomes_admin() {
        QunId id = crew();

        var done = (QunResult.Done) role(ann, id, "bob", Role.OWNER);

        assertThat(done.qun().owner().orElseThrow().user()).isEqualTo(new UserId("bob"));
        assertThat(roleOf(id, "bob")).isEqualTo(Role.OWNER);
        assertThat(roleOf(id, "ann")).isEqualTo(Role.ADMIN);
        assertThat(refusal(role(ann, id, "cid", Role.ADMIN))).as("no longer owner").isEqualTo(Refusal.NOT_ALLOWED);
        assertThat(role(bob, id, "cid", Role.ADMIN)).isInstanceOf(QunResult.Done.class);
        assertThat(refusal(remove.remove(new RemoveQunMembersUseCase.Command(ann, id, ids("bob")))))
                .as("an admin may not remove the owner").isEqualTo(Refusal.NOT_ALLOWED);
    }

    @Test
    void owner_only_invite_lets_only_the_owner_add_until_switched_off() {
        QunId id = crew();
        role(ann, id, "cid", Role.ADMIN);
        f.user("fay", "t1");
        f.user("gil", "t1");
        int notices = f.mailbox.messageCount();

        var on = (QunResult.Done) invite(ann, id, true);
        assertThat(on.qun().ownerOnlyInvite()).isTrue();
        assertThat(store.find(id).orElseThrow().qun().ownerOnlyInvite()).isTrue();
        assertThat(f.mailbox.messageCount()).as("the switch sends no notice").isEqualTo(notices);
        long before = version(id);
        assertThat(refusal(add.add(new AddQunMembersUseCase.Command(bob, id, ids("fay"))))).isEqualTo(Refusal.NOT_ALLOWED);
        assertThat(refusal(add.add(new AddQunMembersUseCase.Command(cid, id, ids("fay")))))
                .as("admins too").isEqualTo(Refusal.NOT_ALLOWED);
        assertThat(refusal(invite(bob, id, false))).isEqualTo(Refusal.NOT_ALLOWED);
        assertThat(refusal(invite(cid, id, false))).isEqualTo(Refusal.NOT_ALLOWED);
        assertThat(invite(eve, id, false)).as("another tenant's group is unknown")
                .isEqualTo(new QunResult.NotFound("group " + id.name() + " does not exist"));
        assertThat(invite(ann, id, true)).as("the setting it has: done, nothing written").isInstanceOf(QunResult.Done.class);
        assertThat(version(id)).isEqualTo(before);
        assertThat(store.find(id).orElseThrow().qun().isMember(new UserId("fay"))).isFalse();

        var byOwner = (QunResult.Done) add.add(new AddQunMembersUseCase.Command(ann, id, ids("fay")));
        assertThat(byOwner.qun().isMember(new UserId("fay"))).isTrue();

        assertThat(((QunResult.Done) invite(ann, id, false)).qun().ownerOnlyInvite()).isFalse();
        var byMember = (QunResult.Done) add.add(new AddQunMembersUseCase.Command(bob, id, ids("gil")));
        assertThat(byMember.qun().isMember(new UserId("gil"))).isTrue();
        assertThat(invite(new Secret("nope"), id, true)).isInstanceOf(QunResult.Unauthorized.class);
        assertThat(invite(ann, new QunId("nothere"), true)).isInstanceOf(QunResult.NotFound.class);
    }

    @Test
    void a_group_created_owner_only_refuses_a_plain_members_add() {
        var done = (QunResult.Done) create.create(new CreateQunUseCase.Command(ann, "Team", ids("bob"), true));

        assertThat(done.qun().ownerOnlyInvite()).isTrue();
        assertThat(store.find(done.qun().id()).orElseThrow().qun().ownerOnlyInvite()).isTrue();
        assertThat(refusal(add.add(new AddQunMembersUseCase.Command(bob, done.qun().id(), ids("cid")))))
                .isEqualTo(Refusal.NOT_ALLOWED);
        assertThat(new CreateQunUseCase.Command(ann, "Team", ids("bob")).ownerOnlyInvite()).isFalse();
    }

    @Test
    void a_role_change_is_decided_again_on_the_group_as_changed_concurrently() {
        QunId id = crew();
        beforeApply = () -> remove.remove(new RemoveQunMembersUseCase.Command(ann, id, ids("bob")));

        assertThat(refusal(role(ann, id, "bob", Role.ADMIN))).isEqualTo(Refusal.UNKNOWN_MEMBER);
        assertThat(store.find(id).orElseThrow().qun().isMember(new UserId("bob"))).isFalse();
    }

    // group chat (device push to {qid}@qun)

    private org.appmsg.application.port.in.SendMessageUseCase.Command say(Secret token, String from, QunId to,
            String text) {
        return new org.appmsg.application.port.in.SendMessageUseCase.Command(token, "Android-" + from,
                Name.parse(from + "@user"), to.name(), 1, text, "", "", org.appmsg.domain.message.Lifetime.serverDefault(),
                new org.appmsg.domain.session.SessionSelector.All());
    }

    @Test
    void a_member_speaks_to_the_group_once_stored_in_every_members_mailbox_with_the_legacy_prefix() {
        QunId id = team();
        add.add(new AddQunMembersUseCase.Command(ann, id, ids("cid")));
        int before = f.mailbox.messageCount();
        f.presence.open(new SessionId(new UserId("bob"), "Android-bob"), f.clock.instant());
        f.presence.open(new SessionId(new UserId("bob"), "iOS-bob"), f.clock.instant());
        int delivered = f.live.delivered().size();

        var result = f.send.send(say(bob, "bob", id, "hello"));
        var lives = f.live.delivered().subList(delivered, f.live.delivered().size());

        assertThat(result).isInstanceOf(org.appmsg.application.port.in.SendMessageUseCase.Result.Accepted.class);
        assertThat(f.mailbox.messageCount()).as("the group message and the sender's own copy").isEqualTo(before + 2);
        for (String user : List.of("ann", "cid")) {
            assertThat(entries(user).getLast().json()).contains("\"fromUserName\":\"" + id.name() + "\"",
                    "\"fromDisplayName\":\"Team\"", "\"toUserName\":\"" + id.name() + "\"", "\"msgType\":1",
                    "\"content\":\"bob@user|login-bob|Nick bob&&hello\"");
        }
        assertThat(entries("bob").getLast().json()).as("the sender's plain copy (legacy §7.2)").contains(
                "\"fromUserName\":\"bob@user\"", "\"fromDisplayName\":\"Team\"",
                "\"toUserName\":\"" + id.name() + "\"", "\"content\":\"hello\"");
        assertThat(entries("ann").getLast().messageId()).isNotEqualTo(entries("bob").getLast().messageId());
        assertThat(entries("dan")).isEmpty();
        assertThat(lives).extracting(l -> l.entry().mailbox().toString())
                .containsExactly("ann@user", "cid@user", "bob@user");
        assertThat(lives.get(2).sessions()).as("not the sending device")
                .containsExactly(new SessionId(new UserId("bob"), "iOS-bob"));
        var accepted = (org.appmsg.application.port.in.SendMessageUseCase.Result.Accepted) result;
        assertThat(accepted.mid()).isEqualTo(entries("bob").getLast().mid());
        assertThat(accepted.id()).isEqualTo(entries("bob").getLast().messageId());
    }

    @Test
    void a_non_member_may_not_speak_to_the_group() {
        QunId id = team();
        int before = f.mailbox.messageCount();

        assertThat(f.send.send(say(cid, "cid", id, "hello"))).isEqualTo(
                new org.appmsg.application.port.in.SendMessageUseCase.Result.NotMember(id.name()));
        assertThat(f.send.send(say(eve, "eve", id, "hello"))).as("another tenant's group is unknown").isEqualTo(
                new org.appmsg.application.port.in.SendMessageUseCase.Result.RecipientUnknown(id.name()));
        assertThat(f.mailbox.messageCount()).isEqualTo(before);
    }

    // conflicts

    @Test
    void a_concurrent_change_makes_the_service_decide_again_on_the_new_state() {
        QunId id = team();
        // between our read and our write, ann renames the group
        beforeApply = () -> rename.rename(new RenameQunUseCase.Command(ann, id, "Crew"));

        var done = (QunResult.Done) add.add(new AddQunMembersUseCase.Command(bob, id, ids("cid")));

        assertThat(done.qun().topic()).isEqualTo("Crew");
        assertThat(done.members()).extracting(User::id).containsExactlyElementsOf(ids("ann", "bob", "cid"));
        assertThat(entries("cid")).singleElement().satisfies(e -> assertThat(e.json()).contains("\"fromDisplayName\":\"Crew\""));
        assertThat(contents("bob")).containsExactly("Nick ann邀请您加入了群聊\"Team\"", "Nick ann修改了群名为\"Crew\"",
                "您邀请Nick cid等1人加入了群聊");
    }

    @Test
    void a_decision_made_moot_by_a_concurrent_change_is_not_applied() {
        QunId id = team();
        beforeApply = () -> remove.remove(new RemoveQunMembersUseCase.Command(ann, id, ids("bob")));

        assertThat(add.add(new AddQunMembersUseCase.Command(bob, id, ids("cid"))))
                .isInstanceOfSatisfying(QunResult.Refused.class, r -> assertThat(r.reason()).isEqualTo(Refusal.NOT_MEMBER));
    }

    @Test
    void gives_up_after_a_few_conflicts_without_sending_anything() {
        QunId id = team();
        int before = f.mailbox.messageCount();
        int delivered = f.live.delivered().size();
        conflicts.set(QunDesk.ATTEMPTS);

        assertThatThrownBy(() -> rename.rename(new RenameQunUseCase.Command(ann, id, "Crew")))
                .isInstanceOf(StorageUnavailableException.class);
        assertThat(f.mailbox.messageCount()).isEqualTo(before);
        assertThat(f.live.delivered()).hasSize(delivered);
        conflicts.set(QunDesk.ATTEMPTS - 1);
        assertThat(rename.rename(new RenameQunUseCase.Command(ann, id, "Crew"))).isInstanceOf(QunResult.Done.class);
    }

    @Test
    void commands_refuse_blank_topics_and_empty_lists() {
        QunId id = new QunId("q1");
        assertThatThrownBy(() -> new CreateQunUseCase.Command(ann, " ", List.of()))
                .isInstanceOf(org.appmsg.domain.shared.DomainViolation.class);
        assertThatThrownBy(() -> new RenameQunUseCase.Command(ann, id, "x".repeat(65)))
                .isInstanceOf(org.appmsg.domain.shared.DomainViolation.class);
        assertThatThrownBy(() -> new AddQunMembersUseCase.Command(ann, id, List.of()))
                .isInstanceOf(org.appmsg.domain.shared.DomainViolation.class);
        assertThatThrownBy(() -> new RemoveQunMembersUseCase.Command(ann, id, new ArrayList<>()))
                .isInstanceOf(org.appmsg.domain.shared.DomainViolation.class);
    }
}

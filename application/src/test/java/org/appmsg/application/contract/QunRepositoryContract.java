package org.appmsg.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.appmsg.application.port.out.Mailbox;
import org.appmsg.application.port.out.QunRepository;
import org.appmsg.application.port.out.QunRepository.Applied;
import org.appmsg.application.port.out.QunRepository.NoticeDelivery;
import org.appmsg.application.port.out.QunRepository.Versioned;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.message.Message;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Kind;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.qun.Member;
import org.appmsg.domain.qun.Notice;
import org.appmsg.domain.qun.Outcome;
import org.appmsg.domain.qun.Person;
import org.appmsg.domain.qun.Qun;
import org.appmsg.domain.qun.QunId;
import org.appmsg.domain.qun.Role;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link QunRepository} does, whatever stores it; notices are checked in its {@link Mailbox}. */
public abstract class QunRepositoryContract {

    private static final AtomicLong SEQ = new AtomicLong();
    private static final String RUN = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    private static final Instant T0 = Instant.parse("2025-06-01T08:00:00Z");
    private static final TenantId TENANT = new TenantId("qt1");

    private QunRepository quns;
    private Mailbox mailbox;

    /** The repository under test, asked for before each test; may be shared: each test uses ids of its own. */
    protected abstract QunRepository quns();

    /** The mailboxes {@link #quns()} stores its notices in. */
    protected abstract Mailbox mailbox();

    @BeforeEach
    void setUpQuns() {
        quns = quns();
        mailbox = mailbox();
    }

    @Test
    void a_created_group_is_found_with_its_members_roles_and_join_order() {
        Person owner = person("Owner");
        Person b = person("");
        Person c = person("Cee");
        Outcome.Changed created = create(owner, "Topic 一", b, c);

        Applied.Done done = done(quns.apply(created.qun(), 0, created.changes(), deliveries(created)));

        Versioned found = quns.find(created.qun().id()).orElseThrow();
        assertThat(found.version()).isEqualTo(done.version()).isPositive();
        assertThat(found.qun()).isEqualTo(created.qun());
        assertThat(found.qun().members()).extracting(Member::user).containsExactly(owner.id(), b.id(), c.id());
        assertThat(found.qun().members()).extracting(Member::role)
                .containsExactly(Role.OWNER, Role.MEMBER, Role.MEMBER);
        assertThat(found.qun().members()).extracting(Member::nickname).containsExactly("Owner", "", "Cee");
    }

    @Test
    void an_unknown_group_is_not_found() {
        assertThat(quns.find(qunId())).isEmpty();
    }

    @Test
    void a_new_group_was_created_and_updated_when_it_was_applied() {
        Outcome.Changed created = create(person("O"), "T", person("A"));
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        Applied.Done done = done(quns.apply(created.qun(), 0, created.changes(), deliveries(created)));

        Instant after = Instant.now();
        assertThat(done.updated()).isBetween(before, after);
        Versioned found = quns.find(created.qun().id()).orElseThrow();
        assertThat(found.created()).isEqualTo(done.updated());
        assertThat(found.updated()).isEqualTo(done.updated());
    }

    @Test
    void every_change_moves_updated_forward_and_keeps_created() {
        Person owner = person("O");
        Person a = person("A");
        Versioned v1 = stored(create(owner, "T", a));

        Applied.Done renamed = applyOutcome(v1, v1.qun().rename(owner.id(), "T2"));
        Versioned v2 = quns.find(v1.qun().id()).orElseThrow();
        Applied.Done added = applyOutcome(v2, v2.qun().add(owner.id(), List.of(person("B"))));
        Versioned v3 = quns.find(v1.qun().id()).orElseThrow();
        Applied.Done removed = applyOutcome(v3, v3.qun().remove(owner.id(), List.of(a.id())));
        Versioned v4 = quns.find(v1.qun().id()).orElseThrow();

        assertThat(List.of(v2, v3, v4)).extracting(Versioned::created).containsOnly(v1.created());
        assertThat(List.of(v2.updated(), v3.updated(), v4.updated()))
                .containsExactly(renamed.updated(), added.updated(), removed.updated());
        assertThat(v2.updated()).isAfter(v1.updated());
        assertThat(v3.updated()).isAfter(v2.updated());
        assertThat(v4.updated()).isAfter(v3.updated());
        assertThat(v4.updated()).isBeforeOrEqualTo(Instant.now().plusSeconds(1)); // a few ms past now at most
    }

    @Test
    void the_version_alone_is_that_of_the_group_as_found_and_empty_when_unknown_or_dissolved() {
        assertThat(quns.version(qunId())).isEmpty();
        Person owner = person("O");
        Person a = person("A");
        Versioned v1 = stored(create(owner, "T", a));
        assertThat(quns.version(v1.qun().id())).isEqualTo(OptionalLong.of(v1.version()));

        Applied.Done renamed = applyOutcome(v1, v1.qun().rename(owner.id(), "T2"));
        assertThat(quns.version(v1.qun().id())).isEqualTo(OptionalLong.of(renamed.version()))
                .isNotEqualTo(OptionalLong.of(v1.version()));
        Versioned v2 = quns.find(v1.qun().id()).orElseThrow();
        assertThat(v2.version()).isEqualTo(renamed.version());

        Outcome.Changed stale = (Outcome.Changed) v1.qun().rename(owner.id(), "Late");
        assertThat(quns.apply(stale.qun(), v1.version(), stale.changes(), List.of()))
                .isInstanceOf(Applied.Conflict.class);
        assertThat(quns.version(v1.qun().id())).isEqualTo(OptionalLong.of(renamed.version()));

        Applied.Done aLeft = applyOutcome(v2, v2.qun().leave(a.id()));
        assertThat(quns.version(v1.qun().id())).isEqualTo(OptionalLong.of(aLeft.version()));
        Versioned v3 = quns.find(v1.qun().id()).orElseThrow();
        applyOutcome(v3, v3.qun().leave(owner.id()));
        assertThat(quns.version(v1.qun().id())).isEmpty();
    }

    @Test
    void creating_a_taken_id_is_a_conflict_and_writes_nothing() {
        Person owner = person("O");
        Outcome.Changed first = create(owner, "First", person("M"));
        Versioned stored = stored(first);
        Person other = person("Other");
        Outcome.Changed second = (Outcome.Changed) Qun.create(first.qun().id(), other, "Second", List.of(owner));

        assertThat(quns.apply(second.qun(), 0, second.changes(), deliveries(second)))
                .isInstanceOf(Applied.Conflict.class);

        assertThat(quns.find(first.qun().id())).contains(stored);
        assertThat(quns.qunsOf(other.id())).isEmpty();
        assertThat(read(other.id())).isEmpty();
        assertThat(read(owner.id())).hasSize(1); // only the first creation's notice
    }

    @Test
    void a_rename_is_stored_with_a_new_version() {
        Person owner = person("O");
        Versioned v1 = stored(create(owner, "Old", person("M")));

        Applied.Done done = applyOutcome(v1, v1.qun().rename(owner.id(), "New"));

        Versioned v2 = quns.find(v1.qun().id()).orElseThrow();
        assertThat(v2.qun().topic()).isEqualTo("New");
        assertThat(v2.version()).isEqualTo(done.version()).isNotEqualTo(v1.version());
        assertThat(v2.qun().members()).isEqualTo(v1.qun().members());
    }

    @Test
    void added_members_are_stored_after_the_others_in_join_order() {
        Person owner = person("O");
        Person m = person("M");
        Versioned v1 = stored(create(owner, "T", m));
        Person x = person("X");
        Person y = person("Y");

        applyOutcome(v1, v1.qun().add(m.id(), List.of(x, y)));

        Qun after = quns.find(v1.qun().id()).orElseThrow().qun();
        assertThat(after.members()).extracting(Member::user).containsExactly(owner.id(), m.id(), x.id(), y.id());
        assertThat(after.member(x.id()).orElseThrow().role()).isEqualTo(Role.MEMBER);
        assertThat(quns.qunsOf(y.id())).containsExactly(v1.qun().id());
    }

    @Test
    void removed_members_are_gone_and_the_others_stay() {
        Person owner = person("O");
        Person a = person("A");
        Person b = person("B");
        Versioned v1 = stored(create(owner, "T", a, b));

        applyOutcome(v1, v1.qun().remove(owner.id(), List.of(a.id())));

        Qun after = quns.find(v1.qun().id()).orElseThrow().qun();
        assertThat(after.memberIds()).containsExactly(owner.id(), b.id());
        assertThat(quns.qunsOf(a.id())).isEmpty();
    }

    @Test
    void an_owner_who_leaves_hands_ownership_to_the_longest_standing_member() {
        Person owner = person("O");
        Person a = person("A");
        Person b = person("B");
        Versioned v1 = stored(create(owner, "T", a, b));

        applyOutcome(v1, v1.qun().leave(owner.id()));

        Qun after = quns.find(v1.qun().id()).orElseThrow().qun();
        assertThat(after.memberIds()).containsExactly(a.id(), b.id());
        assertThat(after.owner().orElseThrow().user()).isEqualTo(a.id());
        assertThat(after.member(b.id()).orElseThrow().role()).isEqualTo(Role.MEMBER);
    }

    @Test
    void role_changes_and_the_invite_setting_are_stored() {
        Person owner = person("O");
        Person a = person("A");
        Versioned v1 = stored(create(owner, "T", a));

        applyOutcome(v1, v1.qun().setRole(owner.id(), a.id(), Role.OWNER));
        Versioned v2 = quns.find(v1.qun().id()).orElseThrow();
        applyOutcome(v2, v2.qun().setOwnerOnlyInvite(a.id(), true));

        Qun after = quns.find(v1.qun().id()).orElseThrow().qun();
        assertThat(after.member(a.id()).orElseThrow().role()).isEqualTo(Role.OWNER);
        assertThat(after.member(owner.id()).orElseThrow().role()).isEqualTo(Role.ADMIN);
        assertThat(after.ownerOnlyInvite()).isTrue();
    }

    @Test
    void a_change_at_a_stale_version_is_a_conflict_and_writes_neither_the_change_nor_its_notices() {
        Person owner = person("O");
        Person a = person("A");
        Versioned v1 = stored(create(owner, "T", a));
        applyOutcome(v1, v1.qun().rename(owner.id(), "Winner"));
        Versioned current = quns.find(v1.qun().id()).orElseThrow();
        List<MailboxEntry> ownerBefore = read(owner.id());
        List<MailboxEntry> aBefore = read(a.id());
        Person late = person("Late");

        Outcome.Changed stale = (Outcome.Changed) v1.qun().add(owner.id(), List.of(late));
        assertThat(quns.apply(stale.qun(), v1.version(), stale.changes(), deliveries(stale)))
                .isInstanceOf(Applied.Conflict.class);

        assertThat(quns.find(v1.qun().id())).contains(current);
        assertThat(quns.qunsOf(late.id())).isEmpty();
        assertThat(read(owner.id())).isEqualTo(ownerBefore);
        assertThat(read(a.id())).isEqualTo(aBefore);
        assertThat(read(late.id())).isEmpty();
    }

    @Test
    void notices_land_in_the_recipients_mailboxes_with_consecutive_mids_and_are_returned_in_order() {
        Person owner = person("O");
        Person a = person("A");
        Outcome.Changed created = create(owner, "T", a);
        List<NoticeDelivery> first = deliveries(created);

        Applied.Done d1 = done(quns.apply(created.qun(), 0, created.changes(), first));

        assertThat(d1.entries()).extracting(MailboxEntry::mailbox).containsExactly(user(owner.id()), user(a.id()));
        assertThat(d1.entries()).extracting(MailboxEntry::messageId)
                .containsExactly(first.get(0).message().id(), first.get(1).message().id());
        assertThat(d1.entries()).extracting(MailboxEntry::json)
                .containsExactly(first.get(0).message().json(), first.get(1).message().json());
        assertThat(read(owner.id())).containsExactly(d1.entries().get(0));
        assertThat(read(a.id())).containsExactly(d1.entries().get(1));

        // one message to several recipients, a duplicate recipient, another message to one of them
        Message both = message(created.qun().id(), "to both");
        Message one = message(created.qun().id(), "to a");
        Versioned v1 = quns.find(created.qun().id()).orElseThrow();
        Outcome.Changed renamed = (Outcome.Changed) v1.qun().rename(owner.id(), "T2");
        Applied.Done d2 = done(quns.apply(renamed.qun(), v1.version(), renamed.changes(), List.of(
                new NoticeDelivery(both, List.of(user(a.id()), user(owner.id()), user(a.id()))),
                new NoticeDelivery(one, List.of(user(a.id()))))));

        assertThat(d2.entries()).extracting(e -> e.mailbox() + "#" + e.mid() + "=" + e.messageId().value())
                .containsExactly(
                        user(a.id()) + "#2=" + both.id().value(),
                        user(owner.id()) + "#2=" + both.id().value(),
                        user(a.id()) + "#3=" + one.id().value());
        assertThat(read(a.id())).extracting(MailboxEntry::mid).containsExactly(1L, 2L, 3L);
        assertThat(read(owner.id())).extracting(MailboxEntry::mid).containsExactly(1L, 2L);
    }

    @Test
    void a_change_without_notices_returns_no_entries() {
        Person owner = person("O");
        Versioned v1 = stored(create(owner, "T", person("A")));
        Outcome.Changed changed = (Outcome.Changed) v1.qun().setOwnerOnlyInvite(owner.id(), true);

        Applied.Done done = done(quns.apply(changed.qun(), v1.version(), changed.changes(), List.of()));

        assertThat(done.entries()).isEmpty();
        assertThat(quns.find(v1.qun().id()).orElseThrow().qun().ownerOnlyInvite()).isTrue();
    }

    @Test
    void concurrent_changes_that_read_again_on_conflict_are_each_applied_exactly_once() throws Exception {
        Person owner = person("O");
        Versioned v1 = stored(create(owner, "T"));
        int threads = 4;
        int perThread = 5;
        List<Callable<List<Long>>> tasks = new ArrayList<>();
        List<Person> joiners = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Person> mine = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                mine.add(person("J" + t + "-" + i));
            }
            joiners.addAll(mine);
            tasks.add(() -> {
                List<Long> versions = new ArrayList<>();
                for (Person p : mine) {
                    while (true) {
                        Versioned current = quns.find(v1.qun().id()).orElseThrow();
                        Outcome.Changed added = (Outcome.Changed) current.qun().add(owner.id(), List.of(p));
                        Applied applied = quns.apply(added.qun(), current.version(), added.changes(),
                                List.of(new NoticeDelivery(message(v1.qun().id(), "added " + p.id()),
                                        List.of(user(owner.id())))));
                        if (applied instanceof Applied.Done d) {
                            versions.add(d.version());
                            break;
                        }
                    }
                }
                return versions;
            });
        }
        List<Long> versions = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (Future<List<Long>> f : pool.invokeAll(tasks)) {
                versions.addAll(f.get());
            }
        }

        Versioned end = quns.find(v1.qun().id()).orElseThrow();
        assertThat(end.qun().memberIds()).hasSize(1 + threads * perThread)
                .containsAll(joiners.stream().map(Person::id).toList());
        assertThat(new HashSet<>(versions)).hasSize(threads * perThread).doesNotContain(v1.version());
        assertThat(end.version()).isEqualTo(versions.stream().mapToLong(Long::longValue).max().orElseThrow());
        Set<Long> joinSeqs = new HashSet<>();
        end.qun().members().forEach(m -> joinSeqs.add(m.joinSeq()));
        assertThat(joinSeqs).hasSize(1 + threads * perThread);
        // the creation notice, then one per applied change: no notice of a conflicting attempt was stored
        assertThat(read(owner.id())).extracting(MailboxEntry::mid)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 1 + threads * perThread)
                        .boxed().toList());
    }

    @Test
    void the_groups_of_a_user_are_listed_by_id() {
        Person owner = person("O");
        Person a = person("A");
        String base = qunId().value();
        QunId first = new QunId(base + "a");
        QunId second = new QunId(base + "b");
        QunId third = new QunId(base + "c");
        List<QunId> ids = new ArrayList<>(List.of(third, first, second));
        for (QunId id : ids) {
            Outcome.Changed c = (Outcome.Changed) Qun.create(id, owner, "T", List.of(a));
            done(quns.apply(c.qun(), 0, c.changes(), List.of()));
        }
        Versioned v = quns.find(second).orElseThrow();
        applyOutcome(v, v.qun().leave(a.id()));

        List<QunId> sorted = ids.stream().sorted((x, y) -> x.value().compareTo(y.value())).toList();
        assertThat(quns.qunsOf(owner.id())).containsExactlyElementsOf(sorted);
        assertThat(quns.qunsOf(a.id())).containsExactlyElementsOf(sorted.stream().filter(q -> !q.equals(second))
                .toList());
        assertThat(quns.qunsOf(person("Nobody").id())).isEmpty();
    }

    @Test
    void a_group_whose_last_member_left_is_dissolved_and_its_id_stays_taken() {
        Person owner = person("O");
        Versioned v1 = stored(create(owner, "T"));

        Applied.Done done = applyOutcome(v1, v1.qun().leave(owner.id()));

        assertThat(done.entries()).extracting(MailboxEntry::mailbox).containsExactly(user(owner.id()));
        assertThat(quns.find(v1.qun().id())).isEmpty();
        assertThat(quns.qunsOf(owner.id())).isEmpty();
        Outcome.Changed again = create(v1.qun().id(), person("New"), "Again");
        assertThat(quns.apply(again.qun(), 0, again.changes(), List.of())).isInstanceOf(Applied.Conflict.class);
        assertThat(quns.find(v1.qun().id())).isEmpty();
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private Versioned stored(Outcome.Changed created) {
        done(quns.apply(created.qun(), 0, created.changes(), deliveries(created)));
        return quns.find(created.qun().id()).orElseThrow();
    }

    private Applied.Done applyOutcome(Versioned read, Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Changed.class);
        Outcome.Changed changed = (Outcome.Changed) outcome;
        return done(quns.apply(changed.qun(), read.version(), changed.changes(), deliveries(changed)));
    }

    private static Applied.Done done(Applied applied) {
        assertThat(applied).isInstanceOf(Applied.Done.class);
        return (Applied.Done) applied;
    }

    private List<MailboxEntry> read(UserId user) {
        return mailbox.readAfter(user(user), 0, 1000, T0);
    }

    private static Outcome.Changed create(Person owner, String topic, Person... others) {
        return create(qunId(), owner, topic, others);
    }

    private static Outcome.Changed create(QunId id, Person owner, String topic, Person... others) {
        Outcome outcome = Qun.create(id, owner, topic, List.of(others));
        assertThat(outcome).isInstanceOf(Outcome.Changed.class);
        return (Outcome.Changed) outcome;
    }

    /** One message per domain notice, as the service sends them. */
    private static List<NoticeDelivery> deliveries(Outcome.Changed changed) {
        List<NoticeDelivery> all = new ArrayList<>();
        for (Notice n : changed.notices()) {
            all.add(new NoticeDelivery(message(changed.qun().id(), n.text()), List.of(user(n.recipient()))));
        }
        return all;
    }

    private static Message message(QunId qun, String text) {
        return new Message(new MessageId(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)), qun.name(),
                qun.name(), "{\"text\":\"" + text + "\"}", T0, T0.plusSeconds(3600));
    }

    private static Name user(UserId id) {
        return new Name(id.value(), Kind.USER);
    }

    private static Person person(String nickname) {
        return new Person(new UserId("qu-" + RUN + "-" + SEQ.incrementAndGet()), TENANT, nickname);
    }

    private static QunId qunId() {
        return new QunId("q-" + RUN + "-" + SEQ.incrementAndGet());
    }
}

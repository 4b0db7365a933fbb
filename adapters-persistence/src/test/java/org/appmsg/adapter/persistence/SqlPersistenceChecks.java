package org.appmsg.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.appmsg.application.port.out.QunRepository;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.appmsg.application.port.out.UserRepository.Upsert;
import org.appmsg.domain.auth.PasswordHash;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.message.Message;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Kind;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.qun.Outcome;
import org.appmsg.domain.qun.Person;
import org.appmsg.domain.qun.Qun;
import org.appmsg.domain.qun.QunId;
import org.appmsg.domain.shared.OrgId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.user.User;
import org.appmsg.domain.user.UserProfile;
import org.junit.jupiter.api.Test;

/** What SqlPersistence does beyond the port contracts; run against each backend by a subclass. */
abstract class SqlPersistenceChecks {

    private static final Instant T0 = Instant.parse("2025-06-01T08:00:00Z");
    private static final TenantId T1 = new TenantId("t1");

    abstract TestStore store();

    @Test
    void a_message_to_three_recipients_is_one_message_row_and_three_entry_rows() {
        Message m = message();
        store().persistence().mailbox().store(m, List.of(freshUser(), freshUser(), freshUser()));
        assertThat(store().sql("SELECT COUNT(*) FROM message WHERE id = " + m.id().value())).isEqualTo(1);
        assertThat(store().sql("SELECT COUNT(*) FROM mailbox_entry WHERE message_id = " + m.id().value()))
                .isEqualTo(3);
    }

    @Test
    void a_failed_batch_leaves_nothing_visible_and_takes_no_mid() {
        var mailbox = store().persistence().mailbox();
        Name victim = freshUser();
        // a stray entry where the victim's first mid will go makes the batch's entry insert fail (storing the
        // same message again is no failure: a large fan-out does that on purpose)
        store().sql("INSERT INTO mailbox (owner, last_mid) VALUES ('" + victim + "', 0)");
        store().sql("INSERT INTO mailbox_entry (owner, mid, message_id, expires_at) VALUES ('" + victim + "', 1, -1, 0)");

        assertThatThrownBy(() -> mailbox.store(message(), List.of(victim)))
                .isInstanceOf(StorageUnavailableException.class);
        store().sql("DELETE FROM mailbox_entry WHERE owner = '" + victim + "'");
        assertThat(mailbox.readAfter(victim, 0, 10, T0)).isEmpty();
        assertThat(mailbox.store(message(), List.of(victim))).extracting(MailboxEntry::mid).containsExactly(1L);
    }

    @Test
    void a_mailbox_row_the_writer_believes_exists_is_created_again_and_the_store_succeeds() {
        var mailbox = store().persistence().mailbox();
        Name box = freshUser();
        mailbox.store(message(), List.of(box));
        // the writer now remembers the row; take it away behind its back (as a cache eviction would look)
        store().sql("DELETE FROM mailbox_entry WHERE owner = '" + box + "'");
        store().sql("DELETE FROM mailbox WHERE owner = '" + box + "'");

        assertThat(mailbox.store(message(), List.of(box, freshUser()))).extracting(MailboxEntry::mid)
                .containsExactly(1L, 1L);
        assertThat(mailbox.readAfter(box, 0, 10, T0)).hasSize(1);
    }

    @Test
    void a_notice_that_cannot_be_stored_rolls_back_the_new_group() {
        var quns = store().persistence().quns();
        UserId owner = new UserId(freshUser().id());
        UserId member = new UserId(freshUser().id());
        plantStrayEntry(member, 1);
        Outcome.Changed created = (Outcome.Changed) Qun.create(new QunId(freshId()), person(owner),
                "T", List.of(person(member)));

        assertThatThrownBy(() -> quns.apply(created.qun(), 0, created.changes(), notices(created)))
                .isInstanceOf(StorageUnavailableException.class);

        String id = created.qun().id().value();
        assertThat(store().sql("SELECT COUNT(*) FROM qun WHERE id = '" + id + "'")).isZero();
        assertThat(store().sql("SELECT COUNT(*) FROM qun_user WHERE qun_id = '" + id + "'")).isZero();
        assertThat(quns.qunsOf(owner)).isEmpty();
        assertThat(store().persistence().mailbox().readAfter(userName(owner), 0, 10, T0)).isEmpty();
        store().sql("DELETE FROM mailbox_entry WHERE owner = '" + userName(member) + "'");
        assertThat(quns.apply(created.qun(), 0, created.changes(), notices(created)))
                .isInstanceOf(QunRepository.Applied.Done.class);
    }

    @Test
    void a_notice_that_cannot_be_stored_rolls_back_the_change_and_keeps_the_version() {
        var quns = store().persistence().quns();
        var mailbox = store().persistence().mailbox();
        UserId owner = new UserId(freshUser().id());
        UserId member = new UserId(freshUser().id());
        Outcome.Changed created = (Outcome.Changed) Qun.create(new QunId(freshId()), person(owner),
                "Before", List.of(person(member)));
        quns.apply(created.qun(), 0, created.changes(), notices(created));
        QunRepository.Versioned v1 = quns.find(created.qun().id()).orElseThrow();
        plantStrayEntry(member, 2); // where the member's next notice goes
        Outcome.Changed renamed = (Outcome.Changed) v1.qun().rename(owner, "After");

        assertThatThrownBy(() -> quns.apply(renamed.qun(), v1.version(), renamed.changes(), notices(renamed)))
                .isInstanceOf(StorageUnavailableException.class);

        assertThat(quns.find(created.qun().id())).contains(v1);
        assertThat(mailbox.readAfter(userName(owner), 0, 10, T0)).hasSize(1); // the creation notice only
        store().sql("DELETE FROM mailbox_entry WHERE owner = '" + userName(member) + "' AND message_id = -1");
        assertThat(quns.apply(renamed.qun(), v1.version(), renamed.changes(), notices(renamed)))
                .isInstanceOf(QunRepository.Applied.Done.class);
        assertThat(mailbox.readAfter(userName(member), 0, 10, T0)).extracting(MailboxEntry::mid)
                .containsExactly(1L, 2L);
    }

    @Test
    void a_notice_mailbox_row_the_writer_believes_exists_is_created_again_and_the_change_succeeds() {
        var quns = store().persistence().quns();
        UserId owner = new UserId(freshUser().id());
        Outcome.Changed created = (Outcome.Changed) Qun.create(new QunId(freshId()), person(owner), "T", List.of());
        quns.apply(created.qun(), 0, created.changes(), notices(created));
        QunRepository.Versioned v1 = quns.find(created.qun().id()).orElseThrow();
        store().sql("DELETE FROM mailbox_entry WHERE owner = '" + userName(owner) + "'");
        store().sql("DELETE FROM mailbox WHERE owner = '" + userName(owner) + "'");
        Outcome.Changed renamed = (Outcome.Changed) v1.qun().rename(owner, "T2");

        var done = (QunRepository.Applied.Done) quns.apply(renamed.qun(), v1.version(), renamed.changes(),
                notices(renamed));

        assertThat(done.entries()).extracting(MailboxEntry::mid).containsExactly(1L);
        assertThat(quns.find(created.qun().id()).orElseThrow().qun().topic()).isEqualTo("T2");
    }

    /** A stray entry at {@code mid} of the user's mailbox: the next store that gives out that mid fails. */
    private void plantStrayEntry(UserId user, long mid) {
        if (mid == 1) {
            store().sql("INSERT INTO mailbox (owner, last_mid) VALUES ('" + userName(user) + "', 0)");
        }
        store().sql("INSERT INTO mailbox_entry (owner, mid, message_id, expires_at) VALUES ('" + userName(user)
                + "', " + mid + ", -1, 0)");
    }

    private static Person person(UserId id) {
        return new Person(id, T1, "Nick " + id);
    }

    private static Name userName(UserId id) {
        return new Name(id.value(), Kind.USER);
    }

    private static List<QunRepository.NoticeDelivery> notices(Outcome.Changed changed) {
        return changed.notices().stream()
                .map(n -> new QunRepository.NoticeDelivery(message(), List.of(userName(n.recipient()))))
                .toList();
    }

    @Test
    void close_writes_what_was_accepted_and_later_stores_fail() throws Exception {
        SqlPersistence node = SqlPersistence.start(store().settings());
        Name box = freshUser();
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<List<MailboxEntry>>> stores = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            stores.add(callers.submit(() -> node.mailbox().store(message(), List.of(box))));
        }
        Thread.sleep(20);
        node.close();
        int stored = 0;
        for (Future<List<MailboxEntry>> f : stores) {
            try {
                f.get();
                stored++;
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(StorageUnavailableException.class);
            }
        }
        callers.close();
        assertThat(store().persistence().mailbox().readAfter(box, 0, 100, T0)).hasSize(stored);
        assertThatThrownBy(() -> node.mailbox().store(message(), List.of(box)))
                .isInstanceOf(StorageUnavailableException.class);
        assertThat(node.health().reachable()).isFalse();
    }

    @Test
    void one_upsert_batch_decides_each_call_on_what_the_calls_before_it_left() {
        JooqUserRepository users = (JooqUserRepository) store().persistence().users();
        User carol = user(freshId(), freshId(), new PasswordHash("carol-pw"));
        users.upsert(carol);
        String shared = freshId();
        User ann = user(freshId(), shared, new PasswordHash("ann-pw"));
        User bob = user(freshId(), shared, new PasswordHash("bob-pw"));
        User annAgain = new User(ann.id(), T1, profile(shared, "Ann again"), PasswordHash.none());
        User annElsewhere = new User(ann.id(), new TenantId("t2"), profile(freshId(), "Ann"), PasswordHash.none());
        User carolRenamed = new User(carol.id(), T1, profile(freshId(), "Carol"), new PasswordHash("new-pw"));
        User dan = user(freshId(), carol.profile().name(), PasswordHash.none()); // the name carol just gave up
        User eve = user(freshId(), carolRenamed.profile().name(), new PasswordHash("eve-pw"));

        assertThat(users.upsertAsOneBatch(List.of(ann, bob, annAgain, annElsewhere, carolRenamed, dan, eve)))
                .containsExactly(Upsert.INSERTED, Upsert.NAME_TAKEN, Upsert.UPDATED, Upsert.OTHER_TENANT,
                        Upsert.UPDATED, Upsert.INSERTED, Upsert.NAME_TAKEN);
        assertThat(users.findById(ann.id())).contains(annAgain.withPassword(ann.password()));
        assertThat(users.findById(bob.id())).isEmpty();
        assertThat(users.findById(carol.id())).contains(carolRenamed);
        assertThat(users.findById(dan.id())).contains(dan);
        assertThat(users.findByLogin(carol.profile().name())).contains(dan);
        assertThat(users.findById(eve.id())).isEmpty();
        assertThat(store().sql("SELECT COUNT(*) FROM app_user WHERE id = '" + ann.id() + "' AND created = updated"))
                .isEqualTo(1); // inserted once, with the last version, not inserted then updated
    }

    @Test
    void names_that_change_hands_in_a_cycle_within_one_batch_are_written_one_call_at_a_time() {
        JooqUserRepository users = (JooqUserRepository) store().persistence().users();
        User x = user(freshId(), freshId(), new PasswordHash("x-pw"));
        User y = user(freshId(), freshId(), new PasswordHash("y-pw"));
        users.upsert(x);
        users.upsert(y);
        User yAside = new User(y.id(), T1, profile(freshId(), "Y"), y.password());
        User xTakesY = new User(x.id(), T1, profile(y.profile().name(), "X"), x.password());
        User yTakesX = new User(y.id(), T1, profile(x.profile().name(), "Y"), y.password());

        // one final row each would need x's old name freed before y takes it and y's before x does: a swap
        assertThat(users.upsertAsOneBatch(List.of(yAside, xTakesY, yTakesX)))
                .containsExactly(Upsert.UPDATED, Upsert.UPDATED, Upsert.UPDATED);
        assertThat(users.findById(x.id())).contains(xTakesY);
        assertThat(users.findById(y.id())).contains(yTakesX);
    }

    @Test
    void one_member_batch_inserts_each_missing_link_once_and_answers_false_for_the_rest() {
        OrgMemberLinks links = ((JooqOrgRepository) store().persistence().orgs()).members();
        OrgId org = new OrgId(freshId());
        UserId known = new UserId(freshId());
        UserId fresh = new UserId(freshId());
        UserId other = new UserId(freshId());
        assertThat(store().persistence().orgs().addMember(org, known, 1)).isTrue();

        assertThat(links.addAsOneBatch(List.of(new OrgMemberLinks.Link(org, known, 2),
                new OrgMemberLinks.Link(org, fresh, 3), new OrgMemberLinks.Link(org, fresh, 4),
                new OrgMemberLinks.Link(org, other, 5)))).containsExactly(false, true, false, true);
        assertThat(store().sql("SELECT SUM(sort) FROM org_user WHERE org_id = '" + org + "'")).isEqualTo(1 + 3 + 5);
    }

    @Test
    void close_writes_the_accepted_upserts_and_later_upserts_fail() throws Exception {
        SqlPersistence node = SqlPersistence.start(store().settings());
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
        Map<User, Future<Upsert>> upserts = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            User u = user(freshId(), freshId(), new PasswordHash("pw"));
            upserts.put(u, callers.submit(() -> node.users().upsert(u)));
        }
        Thread.sleep(20);
        node.close();
        for (Map.Entry<User, Future<Upsert>> e : upserts.entrySet()) {
            Optional<User> stored = store().persistence().users().findById(e.getKey().id());
            try {
                assertThat(e.getValue().get()).isEqualTo(Upsert.INSERTED);
                assertThat(stored).contains(e.getKey());
            } catch (ExecutionException failed) {
                assertThat(failed.getCause()).isInstanceOf(StorageUnavailableException.class);
                assertThat(stored).isEmpty();
            }
        }
        callers.close();
        User late = user(freshId(), freshId(), new PasswordHash("pw"));
        assertThatThrownBy(() -> node.users().upsert(late)).isInstanceOf(StorageUnavailableException.class);
    }

    @Test
    void the_store_reports_itself_reachable_and_names_its_dialect() {
        assertThat(store().persistence().health().reachable()).isTrue();
        assertThat(store().persistence().dialect()).isIn("H2", "MARIADB", "MYSQL", "POSTGRES");
    }

    private static String freshId() {
        return "sp-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 50), 36);
    }

    private static User user(String id, String name, PasswordHash password) {
        return new User(new UserId(id), T1, profile(name, "Nick " + name), password);
    }

    private static UserProfile profile(String name, String nickname) {
        return new UserProfile(name, nickname, "", "", "", "1", "", "", "");
    }

    static Name freshUser() {
        return new Name("sp-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 50), 36), Kind.USER);
    }

    static Message message() {
        return new Message(new MessageId(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)),
                new Name("s", Kind.USER), new Name("r", Kind.USER), "{\"n\":1}", T0, T0.plusSeconds(3600));
    }
}

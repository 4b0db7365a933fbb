package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.appmsg.application.fake.InMemoryShieldRepository;
import org.appmsg.application.port.in.PushApplicationMessageUseCase.Command;
import org.appmsg.application.port.in.PushApplicationMessageUseCase.Result;
import org.appmsg.application.port.in.PushApplicationMessageUseCase.Stored;
import org.appmsg.application.port.out.LiveDelivery;
import org.appmsg.application.port.out.Mailbox;
import org.appmsg.application.port.out.PresenceRegistry;
import org.appmsg.application.port.out.QunRepository;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.message.Lifetime;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.message.Message;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.qun.Outcome;
import org.appmsg.domain.qun.Person;
import org.appmsg.domain.qun.Qun;
import org.appmsg.domain.qun.QunId;
import org.appmsg.domain.session.Session;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.session.SessionSelector;
import org.appmsg.domain.session.SessionState;
import org.appmsg.domain.shared.AppId;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PushApplicationMessageServiceTest {

    private final Fixture f = new Fixture();
    private final InMemoryShieldRepository shields = new InMemoryShieldRepository();
    /** Every store call's recipients, in order. */
    private final List<List<Name>> stores = new CopyOnWriteArrayList<>();
    /** Every live hand-over, in order. */
    private final List<List<LiveDelivery.Live>> handOvers = new CopyOnWriteArrayList<>();
    private final AtomicInteger sessionLookups = new AtomicInteger();
    private final Mailbox recordingMailbox = new Mailbox() {
        @Override
        public List<List<MailboxEntry>> storeAll(List<Delivery> deliveries) {
            deliveries.forEach(d -> stores.add(d.recipients()));
            return f.mailbox.storeAll(deliveries);
        }

        @Override
        public Once storeOnce(Receipt receipt, List<Delivery> deliveries) {
            Once once = f.mailbox.storeOnce(receipt, deliveries);
            if (once instanceof Once.Stored) {
                deliveries.forEach(d -> stores.add(d.recipients()));
            }
            return once;
        }

        @Override
        public List<MailboxEntry> readAfter(Name mailbox, long afterMid, int limit, Instant now) {
            return f.mailbox.readAfter(mailbox, afterMid, limit, now);
        }

        @Override
        public long lastMid(Name mailbox) {
            return f.mailbox.lastMid(mailbox);
        }

        @Override
        public int clear(Name mailbox) {
            return f.mailbox.clear(mailbox);
        }

        @Override
        public Purged purgeExpired(Instant now, int maxEntries) {
            return f.mailbox.purgeExpired(now, maxEntries);
        }
    };
    private final PresenceRegistry countingPresence = new PresenceRegistry() {
        @Override
        public Session open(SessionId id, Instant now) {
            return f.presence.open(id, now);
        }

        @Override
        public void close(SessionId id) {
            f.presence.close(id);
        }

        @Override
        public Optional<Session> setState(SessionId id, SessionState state, Instant now) {
            return f.presence.setState(id, state, now);
        }

        @Override
        public List<Session> sessionsOf(UserId user) {
            sessionLookups.incrementAndGet();
            return f.presence.sessionsOf(user);
        }
    };

    private PushApplicationMessageService push = service(100_000, 1_000);

    private PushApplicationMessageService service(int maxRecipients, int batchSize) {
        return new PushApplicationMessageService(f.access,
                new PushApplicationMessageService.Directory(f.users, f.orgs, f.directory, f.quns), shields,
                new PushApplicationMessageService.FanOut(recordingMailbox, messages -> {
                    handOvers.add(List.copyOf(messages));
                    f.live.deliver(messages);
                }, countingPresence, f.fileLinks),
                f.ids, f.clock, new PushApplicationMessageService.Limits(Duration.ofDays(7), maxRecipients, batchSize));
    }

    @BeforeEach
    void directory() {
        f.orgTrees();
    }

    @Test
    void a_retry_with_the_same_status_id_gets_the_first_answer_and_another_message_with_it_is_stored() {
        Result first = push.push(to(f.t1App, "alice@user", "bob@user"));
        Result retry = push.push(to(f.t1App, "alice@user", "bob@user"));
        Command other = to(f.t1App, "alice@user", "bob@user");
        Result different = push.push(new Command(other.token(), other.to(), other.sessions(), other.lifetime(),
                other.msgType(), "other content", other.objectContent(), other.statusId()));

        assertThat(retry).isEqualTo(first);
        assertThat(different).isInstanceOfSatisfying(Result.Pushed.class,
                p -> assertThat(p.stored()).extracting(Stored::mid).containsExactly(2L, 2L));
        assertThat(box("alice@user")).extracting(MailboxEntry::mid).containsExactly(1L, 2L);
    }

    private static Command to(Secret token, String... names) {
        return new Command(token, Arrays.stream(names).map(Name::parse).toList(), new SessionSelector.All(), Lifetime.serverDefault(), 1,
                "hello", "{\"appId\":\"someone-else\",\"appSendId\":\"s1\"}", "status-1");
    }

    private List<MailboxEntry> box(String name) {
        return f.mailbox.readAfter(Name.parse(name), 0, 100, f.clock.instant());
    }

    private static List<String> keys(Result result) {
        return ((Result.Pushed) result).stored().stream().map(s -> s.mailbox().toString()).toList();
    }

    private void assertNothingStored() {
        assertThat(f.mailbox.messageCount()).isZero();
        assertThat(stores).isEmpty();
        assertThat(f.live.delivered()).isEmpty();
    }

    @Test
    void a_push_to_a_user_stores_the_message_once_and_answers_the_mid_in_the_mailbox() {
        f.mailbox.store(new Message(new org.appmsg.domain.message.MessageId(999), Name.parse("x@user"),
                Name.parse("alice@user"), "{}", f.clock.instant(), f.clock.instant().plusSeconds(60)),
                List.of(Name.parse("alice@user")));

        Result result = push.push(to(f.t1App, "alice@user"));

        assertThat(result).isInstanceOf(Result.Pushed.class);
        Result.Pushed pushed = (Result.Pushed) result;
        assertThat(pushed.stored()).containsExactly(new Stored(Name.parse("alice@user"), 2));
        MailboxEntry entry = box("alice@user").get(1);
        assertThat(entry.messageId()).isEqualTo(pushed.id());
        assertThat(entry.json()).isEqualTo("{\"msgId\":\"" + pushed.id() + "\",\"fromUserName\":\"a-t1@app\","
                + "\"fromDisplayName\":\"App a-t1\",\"msgType\":1,\"content\":\"hello\",\"expire\":604800,"
                + "\"statusId\":\"status-1\",\"objectContent\":{\"appId\":\"someone-else\",\"appSendId\":\"s1\"}}");
    }

    @Test
    void the_sender_is_always_the_authenticated_application_whatever_object_content_says() {
        push.push(to(f.c1App, "alice@user"));

        assertThat(box("alice@user")).singleElement().satisfies(e -> assertThat(e.json())
                .contains("\"fromUserName\":\"a-c1@app\"", "\"fromDisplayName\":\"App a-c1\"")
                .doesNotContain("\"fromUserName\":\"someone-else@app\""));
    }

    @Test
    void a_push_to_an_org_reaches_every_member_of_its_subtree_only() {
        Result result = push.push(to(f.t1App, "sales@org"));

        assertThat(keys(result)).containsExactly("alice@user", "bob@user");
        assertThat(box("alice@user")).hasSize(1);
        assertThat(box("bob@user")).hasSize(1);
        assertThat(box("carol@user")).isEmpty();
        assertThat(f.mailbox.messageCount()).isEqualTo(1);
    }

    @Test
    void a_push_to_a_tenant_reaches_every_user_of_it_only() {
        Result result = push.push(to(f.t1App, "t1@tenant"));

        assertThat(keys(result)).containsExactlyInAnyOrder("alice@user", "bob@user", "carol@user");
        assertThat(box("dave@user")).isEmpty();
    }

    @Test
    void a_push_to_an_application_of_the_same_tenant_lands_in_its_own_mailbox() {
        Result result = push.push(to(f.t1App, "a-c1@app"));

        assertThat(((Result.Pushed) result).stored()).containsExactly(new Stored(Name.parse("a-c1@app"), 1));
        assertThat(box("a-c1@app")).hasSize(1);
        assertThat(f.live.delivered()).singleElement().satisfies(l -> assertThat(l.sessions()).isEmpty());
    }

    @Test
    void a_customer_wide_application_reaches_the_tenants_of_its_customer() {
        Result result = push.push(to(f.c1App, "dave@user", "t2org@org", "t2@tenant"));

        assertThat(keys(result)).containsExactly("dave@user");
    }

    @Test
    void a_recipient_named_several_times_gets_one_copy() {
        Result result = push.push(to(f.t1App, "bob@user", "root@org", "t1@tenant", "bob@user", "north@org"));

        assertThat(keys(result)).hasSize(3).startsWith("bob@user").contains("alice@user", "carol@user");
        assertThat(box("bob@user")).hasSize(1);
        assertThat(f.live.delivered()).hasSize(3);
    }

    @Test
    void live_delivery_follows_the_session_selector_with_one_session_lookup_per_recipient() {
        SessionId phone = new SessionId(new UserId("alice"), "Android-1");
        SessionId tablet = new SessionId(new UserId("alice"), "iOS-2");
        f.presence.open(phone, f.clock.instant());
        f.presence.open(tablet, f.clock.instant());
        f.presence.setState(phone, SessionState.ACTIVE, f.clock.instant());

        push.push(to(f.t1App, "alice@user", "bob@user"));
        assertThat(f.live.delivered().get(0).sessions()).containsExactlyInAnyOrder(phone, tablet);
        assertThat(f.live.delivered().get(0).activeSessions()).containsExactly(phone);
        assertThat(sessionLookups).hasValue(2);

        var active = new Command(f.t1App, List.of(Name.parse("alice@user")),
                new SessionSelector.InState(SessionState.ACTIVE), Lifetime.serverDefault(), 1, "x", "", "");
        push.push(active);
        assertThat(f.live.delivered().get(2).sessions()).containsExactly(phone);

        var none = new Command(f.t1App, List.of(Name.parse("alice@user")), new SessionSelector.None(), Lifetime.serverDefault(), 1, "x", "", "");
        push.push(none);
        assertThat(f.live.delivered().get(3).sessions()).isEmpty();
        assertThat(box("alice@user")).hasSize(3);
    }

    @Test
    void expire_sets_the_lifetime_and_zero_takes_the_default() {
        push.push(new Command(f.t1App, List.of(Name.parse("alice@user")), new SessionSelector.All(), Lifetime.ofExpireSeconds(60), 1, "x", "", ""));
        assertThat(box("alice@user")).singleElement().satisfies(e -> assertThat(e.json()).contains("\"expire\":60"));

        f.advance(Duration.ofSeconds(61));
        assertThat(box("alice@user")).isEmpty();
    }

    @Test
    void an_unknown_or_disabled_application_is_unauthorized() {
        assertThat(push.push(to(new Secret("nope"), "alice@user"))).isEqualTo(new Result.Unauthorized());
        assertThat(push.push(to(f.offApp, "alice@user"))).isEqualTo(new Result.Unauthorized());
        assertNothingStored();
    }

    @Test
    void a_name_outside_the_scope_refuses_the_whole_push_as_an_unknown_one_would() {
        assertThat(push.push(to(f.t1App, "alice@user", "dave@user"))).isEqualTo(new Result.NotFound("user dave does not exist"));
        assertThat(push.push(to(f.t1App, "alice@user", "t2org@org"))).isEqualTo(new Result.NotFound("org t2org does not exist"));
        assertThat(push.push(to(f.t1App, "t1@tenant", "t2@tenant"))).isEqualTo(new Result.NotFound("tenant t2 does not exist"));
        assertThat(push.push(to(f.c1App, "alice@user", "erin@user"))).isEqualTo(new Result.NotFound("user erin does not exist"));
        assertThat(push.push(to(f.c2App, "t1@tenant"))).isEqualTo(new Result.NotFound("tenant t1 does not exist"));
        assertNothingStored();
    }

    @Test
    void an_application_of_another_tenant_is_unknown_even_to_a_customer_wide_pusher() {
        assertThat(push.push(to(f.t1App, "a-t2@app"))).isEqualTo(new Result.NotFound("application a-t2 does not exist"));
        assertThat(push.push(to(f.c1App, "alice@user", "a-t2@app")))
                .isEqualTo(new Result.NotFound("application a-t2 does not exist"));
        assertNothingStored();
    }

    @Test
    void an_unknown_name_is_not_found_and_named_and_nothing_is_stored() {
        assertThat(push.push(to(f.t1App, "alice@user", "ghost@user")))
                .isEqualTo(new Result.NotFound("user ghost does not exist"));
        assertThat(push.push(to(f.t1App, "alice@user", "ghost@org")))
                .isEqualTo(new Result.NotFound("org ghost does not exist"));
        assertThat(push.push(to(f.t1App, "ghost@tenant"))).isEqualTo(new Result.NotFound("tenant ghost does not exist"));
        assertThat(push.push(to(f.t1App, "ghost@app")))
                .isEqualTo(new Result.NotFound("application ghost does not exist"));
        assertNothingStored();
    }

    private void group(String id, String tenant, String owner, String... others) {
        var outcome = (Outcome.Changed) Qun.create(
                new QunId(id), person(owner, tenant), "Team " + id,
                Arrays.stream(others).map(o -> person(o, tenant)).toList());
        assertThat(f.quns.apply(outcome.qun(), 0, outcome.changes(), List.of()))
                .isInstanceOf(QunRepository.Applied.Done.class);
    }

    private static Person person(String id, String tenant) {
        return new Person(new UserId(id), new TenantId(tenant), id);
    }

    @Test
    void a_push_to_a_group_reaches_its_members_once_as_the_application_speaks() {
        group("g1", "t1", "alice", "bob");
        int notices = f.mailbox.messageCount();

        Result result = push.push(to(f.t1App, "g1@qun", "bob@user", "carol@user"));

        assertThat(keys(result)).containsExactly("alice@user", "bob@user", "carol@user");
        assertThat(box("bob@user")).hasSize(1);
        assertThat(box("alice@user").getLast().json()).contains("\"fromUserName\":\"a-t1@app\"", "\"content\":\"hello\"");
        assertThat(f.mailbox.messageCount()).isEqualTo(notices + 1);
    }

    @Test
    void a_group_outside_the_scope_or_unknown_is_refused_and_nothing_is_stored() {
        group("g2", "t2", "dave");

        assertThat(push.push(to(f.t1App, "alice@user", "g2@qun")))
                .isEqualTo(new Result.NotFound("group g2 does not exist"));
        assertThat(push.push(to(f.t1App, "alice@user", "ghost@qun")))
                .isEqualTo(new Result.NotFound("group ghost does not exist"));
        assertNothingStored();
        assertThat(keys(push.push(to(f.c1App, "g2@qun")))).as("a customer-wide application reaches t2's group")
                .containsExactly("dave@user");
    }

    @Test
    void more_than_a_thousand_names_are_too_many() {
        List<Name> names = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            names.add(Name.parse("u" + i + "@user"));
        }
        var command = new Command(f.t1App, names, new SessionSelector.All(), Lifetime.serverDefault(), 1, "x", "", "");

        assertThat(push.push(command)).isInstanceOf(Result.TooMany.class);
        assertNothingStored();
    }

    @Test
    void more_recipients_than_the_cap_are_too_many_and_nothing_is_stored() {
        PushApplicationMessageService capped = service(2, 1_000);

        assertThat(capped.push(to(f.t1App, "t1@tenant"))).isInstanceOf(Result.TooMany.class);
        assertThat(capped.push(to(f.t1App, "root@org"))).isInstanceOf(Result.TooMany.class);
        assertThat(capped.push(to(f.t1App, "alice@user", "bob@user", "carol@user"))).isInstanceOf(Result.TooMany.class);
        assertNothingStored();
        assertThat(capped.push(to(f.t1App, "alice@user", "bob@user", "alice@user"))).isInstanceOf(Result.Pushed.class);
    }

    @Test
    void a_user_who_shields_the_application_gets_nothing_from_it() {
        shields.shield(new UserId("bob"), new AppId("a-t1"), "");
        shields.shield(new UserId("alice"), new AppId("a-c1"), ""); // another application: no effect here

        Result result = push.push(to(f.t1App, "t1@tenant", "a-c1@app"));

        assertThat(keys(result)).containsExactlyInAnyOrder("alice@user", "carol@user", "a-c1@app");
        assertThat(box("bob@user")).isEmpty();
        assertThat(f.live.delivered()).noneMatch(l -> l.entry().mailbox().equals(Name.parse("bob@user")));
        assertThat(stores).singleElement().satisfies(batch -> assertThat(batch).doesNotContain(Name.parse("bob@user")));
    }

    @Test
    void when_every_recipient_shields_the_application_nothing_is_stored() {
        shields.shield(new UserId("alice"), new AppId("a-t1"), "");

        Result result = push.push(to(f.t1App, "alice@user"));

        assertThat(((Result.Pushed) result).stored()).isEmpty();
        assertNothingStored();
    }

    @Test
    void ten_thousand_recipients_are_stored_in_bounded_batches_with_the_message_once() {
        for (int i = 0; i < 10_000; i++) {
            f.users.upsert(new org.appmsg.domain.user.User(new UserId(String.format("m%05d", i)),
                    new TenantId("t9"), new org.appmsg.domain.user.UserProfile(
                            "login-m" + i, "M" + i, "", "", "", "1", "", "", ""),
                    org.appmsg.domain.auth.PasswordHash.none()));
        }
        f.tenant("t9", "c1");
        f.app("a-t9", "t9", org.appmsg.domain.tenant.ApplicationScope.TENANT, true, new Secret("app-t9"));
        shields.shield(new UserId("m00007"), new AppId("a-t9"), "");

        Result result = push.push(to(new Secret("app-t9"), "t9@tenant"));

        assertThat(((Result.Pushed) result).stored()).hasSize(9_999)
                .allSatisfy(s -> assertThat(s.mid()).isEqualTo(1));
        assertThat(f.mailbox.messageCount()).isEqualTo(1);
        assertThat(stores).hasSize(10).allSatisfy(batch -> assertThat(batch.size()).isBetween(999, 1_000));
        assertThat(handOvers).hasSize(10);
        assertThat(shields.bulkQueries()).isEqualTo(10);
        assertThat(sessionLookups).hasValue(9_999);
    }

    @Test
    void a_live_only_push_stores_nothing_and_hands_copies_with_mid_0_to_live_delivery() {
        var liveOnly = new Command(f.t1App, List.of(Name.parse("alice@user"), Name.parse("bob@user")),
                new SessionSelector.All(), Lifetime.ofExpireSeconds(0), 1, "x", "", "");

        Result result = push.push(liveOnly);

        assertThat(((Result.Pushed) result).stored()).extracting(Stored::mid).containsExactly(0L, 0L);
        assertThat(f.mailbox.messageCount()).isZero();
        assertThat(stores).isEmpty();
        assertThat(f.live.delivered()).hasSize(2).allSatisfy(l -> assertThat(l.entry().stored()).isFalse());
    }

    @Test
    void an_empty_name_list_is_a_violation() {
        assertThatThrownBy(() -> new Command(f.t1App, List.of(), new SessionSelector.All(), Lifetime.serverDefault(),
                1, "x", "", "")).isInstanceOf(DomainViolation.class);
    }
}

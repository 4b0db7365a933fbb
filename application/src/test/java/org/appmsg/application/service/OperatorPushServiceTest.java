package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.appmsg.application.port.in.ClearMailboxUseCase;
import org.appmsg.application.port.in.PushAsOperatorUseCase;
import org.appmsg.application.port.in.PushAsOperatorUseCase.Result;
import org.appmsg.application.port.in.PushAsOperatorUseCase.Target;
import org.appmsg.application.port.out.LiveDelivery;
import org.appmsg.domain.message.Lifetime;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.name.Kind;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OperatorPushServiceTest {

    private static final String BODY = "{\"fromUserName\":\"crm@app\",\"content\":\"maintenance at 22:00\",\"msgType\":1}";

    private final Fixture f = new Fixture();
    private final OperatorPushService push = new OperatorPushService(f.users, f.directory, f.mailbox, f.live,
            f.presence, f.ids, f.clock, Duration.ofDays(7));
    private final ClearMailboxService clear = new ClearMailboxService(f.mailbox);

    @BeforeEach
    void users() {
        f.twoCustomers();
        f.user("alice", "t1");
        f.user("bob", "t1");
    }

    private static Target user(String uid) {
        return new Target(Name.of(new UserId(uid)), Optional.empty());
    }

    private static Target session(String uid, String device) {
        return new Target(Name.of(new UserId(uid)), Optional.of(new SessionId(new UserId(uid), device)));
    }

    private List<MailboxEntry> mailboxOf(Name name) {
        return f.mailbox.readAfter(name, 0, 10, f.clock.instant());
    }

    @Test
    void the_object_is_stored_once_as_given_for_every_known_key_and_unknown_ones_are_listed() {
        Name crm = new Name("a-t1", Kind.APP);
        Result.Pushed pushed = (Result.Pushed) push.push(new PushAsOperatorUseCase.Command(
                List.of(user("alice"), user("ghost"), new Target(crm, Optional.empty()), user("alice")), BODY,
                Lifetime.ofExpireSeconds(60)));

        assertThat(pushed.delivered()).extracting(d -> d.target().toString(), PushAsOperatorUseCase.Delivered::mid)
                .containsExactly(tuple("alice@user", 1L), tuple("a-t1@app", 1L), tuple("alice@user", 1L));
        assertThat(pushed.unknown()).extracting(Target::toString).containsExactly("ghost@user");
        assertThat(mailboxOf(Name.of(new UserId("alice")))).extracting(MailboxEntry::json).containsExactly(BODY);
        assertThat(mailboxOf(crm)).extracting(MailboxEntry::json).containsExactly(BODY);
        assertThat(f.mailbox.messageCount()).isEqualTo(1);
    }

    @Test
    void a_session_key_reaches_that_session_live_and_a_plain_key_every_session() {
        SessionId phone = new SessionId(new UserId("alice"), "Android-1");
        SessionId tablet = new SessionId(new UserId("alice"), "Android-2");
        f.presence.open(phone, f.clock.instant());
        f.presence.open(tablet, f.clock.instant());
        f.presence.open(new SessionId(new UserId("bob"), "iOS-1"), f.clock.instant());

        push.push(new PushAsOperatorUseCase.Command(List.of(session("alice", "Android-1"), user("bob")), BODY,
                Lifetime.ofExpireSeconds(60)));

        assertThat(f.live.delivered()).extracting(l -> l.entry().mailbox().toString(), LiveDelivery.Live::sessions)
                .containsExactly(tuple("alice@user", Set.of(phone)),
                        tuple("bob@user", Set.of(new SessionId(new UserId("bob"), "iOS-1"))));
    }

    @Test
    void expire_0_is_live_only_and_stores_nothing() {
        Result.Pushed pushed = (Result.Pushed) push.push(new PushAsOperatorUseCase.Command(List.of(user("alice")),
                BODY, Lifetime.ofExpireSeconds(0)));

        assertThat(pushed.delivered()).singleElement().extracting(PushAsOperatorUseCase.Delivered::mid).isEqualTo(0L);
        assertThat(mailboxOf(Name.of(new UserId("alice")))).isEmpty();
        assertThat(f.live.delivered()).singleElement().extracting(l -> l.entry().mid()).isEqualTo(0L);
    }

    @Test
    void only_unknown_keys_store_nothing() {
        Result.Pushed pushed = (Result.Pushed) push.push(new PushAsOperatorUseCase.Command(List.of(user("ghost")),
                BODY, Lifetime.ofExpireSeconds(60)));

        assertThat(pushed.delivered()).isEmpty();
        assertThat(f.mailbox.messageCount()).isZero();
        assertThat(f.live.delivered()).isEmpty();
    }

    @Test
    void clearing_empties_the_mailbox_and_later_pushes_get_higher_mids() {
        Name alice = Name.of(new UserId("alice"));
        push.push(new PushAsOperatorUseCase.Command(List.of(user("alice")), BODY, Lifetime.ofExpireSeconds(60)));
        push.push(new PushAsOperatorUseCase.Command(List.of(user("alice")), BODY, Lifetime.ofExpireSeconds(60)));

        assertThat(clear.clear(new ClearMailboxUseCase.Command(alice)))
                .isEqualTo(new ClearMailboxUseCase.Result.Cleared(2));
        assertThat(mailboxOf(alice)).isEmpty();
        Result.Pushed after = (Result.Pushed) push.push(new PushAsOperatorUseCase.Command(List.of(user("alice")),
                BODY, Lifetime.ofExpireSeconds(60)));
        assertThat(after.delivered()).singleElement().extracting(PushAsOperatorUseCase.Delivered::mid).isEqualTo(3L);
    }
}

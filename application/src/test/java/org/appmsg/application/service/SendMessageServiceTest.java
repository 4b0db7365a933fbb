package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.appmsg.application.port.in.CreateQunUseCase;
import org.appmsg.application.port.in.QunResult;
import org.appmsg.application.port.in.SendMessageUseCase.Command;
import org.appmsg.application.port.in.SendMessageUseCase.Result;
import org.appmsg.application.port.out.LiveDelivery;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.message.Lifetime;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.session.SessionSelector;
import org.appmsg.domain.session.SessionState;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SendMessageServiceTest {

    private final Fixture f = new Fixture();
    private Secret aliceToken;

    @BeforeEach
    void users() {
        f.user("alice", "t1");
        f.user("bob", "t1");
        f.user("mallory", "t2");
        aliceToken = f.tokenOf("alice");
    }

    private Command hi(Secret token, String from, String to) {
        return new Command(token, "Android-alice", Name.parse(from), Name.parse(to), 1, "hi", "42", "", Lifetime.serverDefault(), new SessionSelector.All());
    }

    @Test
    void stores_the_message_once_with_an_entry_in_recipient_and_sender_mailboxes() {
        Result result = f.send.send(hi(aliceToken, "alice@user", "bob@user"));

        assertThat(result).isInstanceOf(Result.Accepted.class);
        assertThat(f.mailbox.messageCount()).isEqualTo(1);
        var bobs = f.mailbox.readAfter(Name.parse("bob@user"), 0, 10, f.clock.instant());
        var alices = f.mailbox.readAfter(Name.parse("alice@user"), 0, 10, f.clock.instant());
        assertThat(bobs).singleElement().satisfies(e -> assertThat(e.json()).contains("\"content\":\"hi\"")
                .contains("\"fromUserName\":\"alice@user\"").contains("\"clientMsgId\":42"));
        assertThat(alices).singleElement().satisfies(e -> assertThat(e.messageId()).isEqualTo(bobs.get(0).messageId()));
        assertThat(((Result.Accepted) result).mid()).isEqualTo(alices.get(0).mid());
        assertThat(((Result.Accepted) result).id()).isEqualTo(bobs.get(0).messageId());
    }

    @Test
    void mids_increase_by_one_per_mailbox() {
        for (int i = 0; i < 3; i++) {
            f.send.send(withClientMsgId(hi(aliceToken, "alice@user", "bob@user"), "\"m" + i + "\""));
        }
        assertThat(f.mailbox.readAfter(Name.parse("bob@user"), 0, 10, f.clock.instant()))
                .extracting(e -> e.mid()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void a_retry_with_the_same_client_msg_id_gets_the_first_answer_and_stores_and_delivers_nothing() {
        bobOnThreeDevices();
        Result first = f.send.send(hi(aliceToken, "alice@user", "bob@user"));
        int liveBefore = f.live.delivered().size();
        f.advance(Duration.ofMinutes(9));

        Result retry = f.send.send(hi(aliceToken, "alice@user", "bob@user"));

        assertThat(retry).isEqualTo(first);
        assertThat(f.mailbox.messageCount()).isEqualTo(1);
        assertThat(f.mailbox.readAfter(Name.parse("bob@user"), 0, 10, f.clock.instant())).hasSize(1);
        assertThat(f.live.delivered()).hasSize(liveBefore);
    }

    @Test
    void the_same_client_msg_id_is_a_new_push_after_ten_minutes_from_another_sender_with_other_content_or_none() {
        f.send.send(hi(aliceToken, "alice@user", "bob@user"));
        f.advance(Duration.ofMinutes(10));
        Result later = f.send.send(hi(aliceToken, "alice@user", "bob@user"));
        Result fromBob = f.send.send(hi(f.tokenOf("bob"), "bob@user", "alice@user"));
        f.send.send(withClientMsgId(hi(aliceToken, "alice@user", "bob@user"), ""));
        f.send.send(withClientMsgId(hi(aliceToken, "alice@user", "bob@user"), ""));
        Command otherContent = hi(aliceToken, "alice@user", "bob@user");
        f.send.send(new Command(otherContent.token(), otherContent.deviceId(), otherContent.from(), otherContent.to(),
                1, "another message, same clientMsgId", otherContent.clientMsgId(), "", Lifetime.serverDefault(),
                new SessionSelector.All()));

        assertThat(later).isInstanceOfSatisfying(Result.Accepted.class, a -> assertThat(a.mid()).isEqualTo(2L));
        assertThat(fromBob).as("bob's own copy, after alice's two").isInstanceOfSatisfying(Result.Accepted.class,
                a -> assertThat(a.mid()).isEqualTo(3L));
        assertThat(f.mailbox.readAfter(Name.parse("bob@user"), 0, 10, f.clock.instant())).hasSize(6);
    }

    @Test
    void a_group_message_retried_is_stored_once_for_every_member() {
        var created = new CreateQunService(f.authenticate, f.users, f.quns, f.live, f.presence, f.ids, f.clock,
                Duration.ofDays(1)).create(new CreateQunUseCase.Command(aliceToken, "topic",
                List.of(new UserId("bob"))));
        Name group = ((QunResult.Done) created).qun().id().name();
        Result first = f.send.send(hi(aliceToken, "alice@user", group.toString()));
        Result retry = f.send.send(hi(aliceToken, "alice@user", group.toString()));

        assertThat(retry).isEqualTo(first);
        assertThat(f.mailbox.readAfter(Name.parse("bob@user"), 0, 10, f.clock.instant()))
                .filteredOn(e -> e.json().contains("\"content\":\"alice@user|")).hasSize(1);
    }

    @Test
    void a_live_only_message_is_not_stored_so_a_retry_is_delivered_again() {
        bobOnThreeDevices();
        Command liveOnly = new Command(aliceToken, "Android-alice", Name.parse("alice@user"), Name.parse("bob@user"),
                1, "now", "\"x\"", "", Lifetime.ofExpireSeconds(0), new SessionSelector.All());
        f.send.send(liveOnly);
        f.send.send(liveOnly);

        assertThat(f.live.delivered()).filteredOn(l -> l.entry().mailbox().equals(Name.parse("bob@user"))).hasSize(2);
        assertThat(f.mailbox.messageCount()).isZero();
    }

    private static Command withClientMsgId(Command c, String clientMsgId) {
        return new Command(c.token(), c.deviceId(), c.from(), c.to(), c.msgType(), c.content(), clientMsgId,
                c.objectContent(), c.lifetime(), c.sessions());
    }

    @Test
    void delivers_live_to_every_session_of_the_recipient_and_the_senders_other_sessions() {
        bobOnThreeDevices();
        f.presence.open(session("alice", "Android-alice"), f.clock.instant());
        f.presence.open(session("alice", "Mozilla-5-1"), f.clock.instant());

        f.send.send(hi(aliceToken, "alice@user", "bob@user"));

        assertThat(liveTo("bob").sessions()).containsExactlyInAnyOrder(
                session("bob", "iOS-1"), session("bob", "Android-2"), session("bob", "Mozilla-5-3"));
        assertThat(liveTo("bob").activeSessions()).containsExactly(session("bob", "iOS-1"));
        assertThat(liveTo("alice").sessions()).as("not the sending device").containsExactly(session("alice", "Mozilla-5-1"));
    }

    @Test
    void the_sessions_selector_picks_the_recipients_sessions_by_state_or_id() {
        bobOnThreeDevices();
        assertThat(targets(List.of("active"))).containsExactly(session("bob", "iOS-1"));
        assertThat(targets(List.of("inactive"))).containsExactly(session("bob", "Android-2"));
        assertThat(targets(List.of("bob_Mozilla-5-3", "bob_iOS-1", "alice_Android-alice", "bob_gone-9")))
                .as("explicit ids: only the recipient's live ones")
                .containsExactlyInAnyOrder(session("bob", "Mozilla-5-3"), session("bob", "iOS-1"));
        assertThat(targets(List.of())).as("[]: stored only").isEmpty();
        assertThat(f.mailbox.readAfter(Name.parse("bob@user"), 0, 10, f.clock.instant()))
                .as("stored for bob whatever the targeting").hasSize(4);
    }

    private void bobOnThreeDevices() {
        f.presence.open(session("bob", "iOS-1"), f.clock.instant());
        f.presence.open(session("bob", "Android-2"), f.clock.instant());
        f.presence.open(session("bob", "Mozilla-5-3"), f.clock.instant());
        f.presence.setState(session("bob", "iOS-1"), SessionState.ACTIVE, f.clock.instant());
        f.presence.setState(session("bob", "Android-2"), SessionState.INACTIVE, f.clock.instant());
    }

    private java.util.Set<SessionId> targets(List<String> sessions) {
        f.send.send(new Command(aliceToken, "Android-alice", Name.parse("alice@user"), Name.parse("bob@user"), 1,
                "x", "", "", Lifetime.serverDefault(), SessionSelector.parse(sessions)));
        var all = f.live.delivered();
        return all.stream().filter(l -> l.entry().mailbox().equals(Name.parse("bob@user")))
                .reduce((a, b) -> b).orElseThrow().sessions();
    }

    private LiveDelivery.Live liveTo(String user) {
        return f.live.delivered().stream().filter(l -> l.entry().mailbox().equals(Name.parse(user + "@user")))
                .findFirst().orElseThrow();
    }

    private static SessionId session(String user, String device) {
        return new SessionId(new UserId(user), device);
    }

    @Test
    void the_sender_is_the_tokens_user_whatever_fromUserName_says() {
        Result result = f.send.send(hi(aliceToken, "bob@user", "bob@user"));

        assertThat(result).isEqualTo(new Result.SenderMismatch(Name.parse("bob@user")));
        assertThat(f.mailbox.messageCount()).isZero();
        assertThat(f.live.delivered()).isEmpty();
    }

    @Test
    void an_unknown_or_expired_token_is_unauthorized_and_stores_nothing() {
        assertThat(f.send.send(hi(new Secret("nope"), "alice@user", "bob@user"))).isInstanceOf(Result.Unauthorized.class);
        f.advance(Duration.ofDays(8));
        assertThat(f.send.send(hi(aliceToken, "alice@user", "bob@user"))).isInstanceOf(Result.Unauthorized.class);
        assertThat(f.mailbox.messageCount()).isZero();
    }

    @Test
    void a_recipient_in_another_tenant_is_unknown() {
        assertThat(f.send.send(hi(aliceToken, "alice@user", "mallory@user")))
                .isEqualTo(new Result.RecipientUnknown(Name.parse("mallory@user")));
        assertThat(f.send.send(hi(aliceToken, "alice@user", "ghost@user")))
                .isEqualTo(new Result.RecipientUnknown(Name.parse("ghost@user")));
        assertThat(f.mailbox.messageCount()).isZero();
    }

    @Test
    void broadcasts_need_the_permission_apps_are_not_routed_and_unknown_groups_are_unknown() {
        assertThat(f.send.send(hi(aliceToken, "alice@user", "9@org"))).isInstanceOf(Result.NotPermitted.class);
        assertThat(f.send.send(hi(aliceToken, "alice@user", "9@tenant"))).isInstanceOf(Result.NotPermitted.class);
        assertThat(f.send.send(hi(aliceToken, "alice@user", "9@app"))).isInstanceOf(Result.Unsupported.class);
        assertThat(f.send.send(hi(aliceToken, "alice@user", "9@qun")))
                .isEqualTo(new Result.RecipientUnknown(Name.parse("9@qun")));
        assertThat(f.mailbox.messageCount()).isZero();
    }

    @Test
    void a_message_to_oneself_is_stored_in_one_mailbox_entry() {
        f.send.send(hi(aliceToken, "alice@user", "alice@user"));
        assertThat(f.mailbox.readAfter(Name.parse("alice@user"), 0, 10, f.clock.instant())).hasSize(1);
    }

    @Test
    void messages_expire_after_the_default_or_the_requested_lifetime() {
        f.send.send(hi(aliceToken, "alice@user", "bob@user"));
        f.send.send(new Command(aliceToken, "", Name.parse("alice@user"), Name.parse("bob@user"), 1, "short", "", "", Lifetime.ofExpireSeconds(60), new SessionSelector.All()));
        f.advance(Duration.ofMinutes(2));
        assertThat(f.mailbox.readAfter(Name.parse("bob@user"), 0, 10, f.clock.instant()))
                .extracting(e -> e.mid()).containsExactly(1L);
        f.advance(Duration.ofDays(7));
        assertThat(f.mailbox.readAfter(Name.parse("bob@user"), 0, 10, f.clock.instant())).isEmpty();
    }

    @Test
    void an_out_of_range_expire_is_a_violation() {
        assertThatThrownBy(() -> Lifetime.ofExpireSeconds(400L * 24 * 3600))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("expire");
        assertThatThrownBy(() -> Lifetime.ofExpireSeconds(-1))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("expire");
    }

    @Test
    void a_live_only_message_reaches_live_sessions_with_mid_0_and_is_never_stored() {
        bobOnThreeDevices();
        f.presence.open(session("alice", "Mozilla-5-1"), f.clock.instant());

        Result result = f.send.send(new Command(aliceToken, "Android-alice", Name.parse("alice@user"),
                Name.parse("bob@user"), 1, "now or never", "", "", Lifetime.ofExpireSeconds(0), new SessionSelector.All()));

        assertThat(result).isInstanceOfSatisfying(Result.Accepted.class, ok -> assertThat(ok.mid()).isZero());
        assertThat(f.mailbox.messageCount()).isZero();
        assertThat(f.mailbox.readAfter(Name.parse("bob@user"), 0, 10, f.clock.instant())).isEmpty();
        assertThat(f.mailbox.readAfter(Name.parse("alice@user"), 0, 10, f.clock.instant())).isEmpty();
        assertThat(liveTo("bob").entry().mid()).isZero();
        assertThat(liveTo("bob").entry().stored()).isFalse();
        assertThat(liveTo("bob").entry().json()).contains("\"content\":\"now or never\"").contains("\"expire\":0");
        assertThat(liveTo("bob").sessions()).hasSize(3);
        assertThat(liveTo("alice").sessions()).containsExactly(session("alice", "Mozilla-5-1"));
    }

    @Test
    void a_live_only_message_to_oneself_is_one_live_copy() {
        f.send.send(new Command(aliceToken, "", Name.parse("alice@user"), Name.parse("alice@user"), 1, "me", "", "",
                Lifetime.ofExpireSeconds(0), new SessionSelector.All()));
        assertThat(f.live.delivered()).hasSize(1);
    }
}

package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.appmsg.application.port.in.SendMessageUseCase.Command;
import org.appmsg.application.port.in.SendMessageUseCase.Result;
import org.appmsg.application.port.out.LiveDelivery;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.message.Lifetime;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.session.SessionSelector;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A device's push to {@code @org} / {@code @tenant} ({@link DeviceBroadcast} through {@link SendMessageService}),
 * in {@link Fixture#orgTrees()}: tenant t1 has alice (in sales), bob (in north, below sales) and carol (in hr);
 * tenant t2 has dave (in t2org), t3 erin.
 */
class DeviceBroadcastTest {

    private final Fixture f = new Fixture();

    @BeforeEach
    void directory() {
        f.orgTrees();
    }

    private void grant(String user, boolean broadcast) {
        f.pushPermissions.setBroadcast(new UserId(user), broadcast, f.clock.instant());
    }

    private Command from(String user, String to, Lifetime lifetime, SessionSelector sessions) {
        Secret token = f.tokenOf(user);
        return new Command(token, "Android-" + user, Name.parse(user + "@user"), Name.parse(to), 1, "hello all",
                "\"c1\"", "", lifetime, sessions);
    }

    private Result send(String user, String to) {
        return f.send.send(from(user, to, Lifetime.serverDefault(), new SessionSelector.All()));
    }

    private List<MailboxEntry> box(String user) {
        return f.mailbox.readAfter(Name.parse(user + "@user"), 0, 100, f.clock.instant());
    }

    private LiveDelivery.Live liveTo(String user) {
        return f.live.delivered().stream().filter(l -> l.entry().mailbox().equals(Name.parse(user + "@user")))
                .findFirst().orElseThrow();
    }

    private static SessionId session(String user, String device) {
        return new SessionId(new UserId(user), device);
    }

    private void assertNothingStored() {
        assertThat(f.mailbox.messageCount()).isZero();
        assertThat(f.live.delivered()).isEmpty();
    }

    @Test
    void without_the_permission_org_and_tenant_pushes_are_refused_before_any_lookup_and_store_nothing() {
        assertThat(send("alice", "sales@org")).isInstanceOf(Result.NotPermitted.class);
        assertThat(send("alice", "t1@tenant")).isInstanceOf(Result.NotPermitted.class);
        assertThat(send("alice", "nowhere@org")).as("no hint that the org does not exist")
                .isInstanceOf(Result.NotPermitted.class);
        assertNothingStored();
    }

    @Test
    void a_push_to_an_org_reaches_its_whole_subtree_and_the_senders_mailbox() {
        grant("carol", true);

        Result result = send("carol", "sales@org");

        assertThat(result).isInstanceOf(Result.Accepted.class);
        assertThat(f.mailbox.messageCount()).isEqualTo(1);
        assertThat(box("alice")).singleElement().satisfies(e -> assertThat(e.json())
                .contains("\"fromUserName\":\"carol@user\"", "\"fromDisplayName\":\"Nick carol\"",
                        "\"toUserName\":\"sales@org\"", "\"toDisplayName\":\"Org sales\"", "\"clientMsgId\":\"c1\""));
        assertThat(box("bob")).hasSize(1);
        assertThat(box("carol")).as("sync to self").singleElement()
                .satisfies(e -> assertThat(((Result.Accepted) result).mid()).isEqualTo(e.mid()));
        assertThat(box("dave")).isEmpty();
        assertThat(((Result.Accepted) result).id()).isEqualTo(box("alice").get(0).messageId());
    }

    @Test
    void a_sender_inside_the_org_gets_one_copy_and_its_other_sessions_get_it_live_but_not_the_sending_one() {
        grant("alice", true);
        f.presence.open(session("alice", "Android-alice"), f.clock.instant());
        f.presence.open(session("alice", "Mozilla-5-1"), f.clock.instant());
        f.presence.open(session("bob", "iOS-1"), f.clock.instant());

        send("alice", "sales@org");

        assertThat(box("alice")).hasSize(1);
        assertThat(liveTo("alice").sessions()).containsExactly(session("alice", "Mozilla-5-1"));
        assertThat(liveTo("bob").sessions()).containsExactly(session("bob", "iOS-1"));
    }

    @Test
    void the_sessions_selector_picks_the_recipients_sessions_not_the_senders() {
        grant("alice", true);
        f.presence.open(session("alice", "Mozilla-5-1"), f.clock.instant());
        f.presence.open(session("bob", "iOS-1"), f.clock.instant());

        f.send.send(from("alice", "sales@org", Lifetime.serverDefault(), SessionSelector.parse(List.of())));

        assertThat(liveTo("bob").sessions()).isEmpty();
        assertThat(liveTo("alice").sessions()).containsExactly(session("alice", "Mozilla-5-1"));
        assertThat(box("bob")).hasSize(1);
    }

    @Test
    void a_push_to_the_own_tenant_reaches_every_user_of_it() {
        grant("alice", true);

        assertThat(send("alice", "t1@tenant")).isInstanceOf(Result.Accepted.class);

        for (String user : List.of("alice", "bob", "carol")) {
            assertThat(box(user)).as(user).singleElement().satisfies(e -> assertThat(e.json())
                    .contains("\"toUserName\":\"t1@tenant\"", "\"toDisplayName\":\"Tenant t1\""));
        }
        assertThat(box("dave")).isEmpty();
    }

    @Test
    void another_tenant_is_not_permitted_and_its_org_is_as_unknown_as_an_unknown_org() {
        grant("alice", true);

        assertThat(send("alice", "t2org@org")).isEqualTo(new Result.RecipientUnknown(Name.parse("t2org@org")));
        assertThat(send("alice", "t2@tenant")).isInstanceOf(Result.NotPermitted.class);
        assertThat(send("alice", "t9@tenant")).isInstanceOf(Result.NotPermitted.class);
        assertThat(send("alice", "nowhere@org")).isEqualTo(new Result.RecipientUnknown(Name.parse("nowhere@org")));
        assertNothingStored();
    }

    @Test
    void a_revoked_permission_refuses_the_next_push() {
        grant("alice", true);
        assertThat(send("alice", "sales@org")).isInstanceOf(Result.Accepted.class);

        grant("alice", false);

        assertThat(send("alice", "sales@org")).isInstanceOf(Result.NotPermitted.class);
        assertThat(f.mailbox.messageCount()).isEqualTo(1);
    }

    @Test
    void a_live_only_broadcast_is_stored_nowhere_and_answers_mid_0() {
        grant("alice", true);
        f.presence.open(session("bob", "iOS-1"), f.clock.instant());

        Result result = f.send.send(from("alice", "sales@org", Lifetime.ofExpireSeconds(0), new SessionSelector.All()));

        assertThat(((Result.Accepted) result).mid()).isZero();
        assertThat(f.mailbox.messageCount()).isZero();
        assertThat(liveTo("bob").entry().mid()).isZero();
        assertThat(liveTo("bob").entry().json()).contains("\"expire\":0");
    }

    @Test
    void more_recipients_than_the_cap_store_nothing_and_batches_share_one_message() {
        var capped = new SendMessageService(f.authenticate, f.users, f.mailbox, f.live, f.presence, f.ids, f.clock,
                Duration.ofDays(7), f.fileLinks, f.quns,
                new SendMessageService.Broadcasting(f.pushPermissions, f.orgs, f.directory, 3, 1));
        grant("alice", true);
        f.user("frank", "t1");

        assertThat(capped.send(from("alice", "t1@tenant", Lifetime.serverDefault(), new SessionSelector.All())))
                .isInstanceOf(Result.TooMany.class);
        assertNothingStored();

        assertThat(capped.send(from("alice", "sales@org", Lifetime.serverDefault(), new SessionSelector.All())))
                .isInstanceOf(Result.Accepted.class);
        assertThat(f.mailbox.messageCount()).isEqualTo(1);
        assertThat(box("alice")).hasSize(1);
        assertThat(box("bob")).hasSize(1);
    }
}

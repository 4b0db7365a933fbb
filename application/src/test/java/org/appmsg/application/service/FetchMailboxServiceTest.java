package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.appmsg.application.port.in.FetchMailboxUseCase.Query;
import org.appmsg.application.port.in.FetchMailboxUseCase.Result;
import org.appmsg.application.port.in.SendMessageUseCase;
import org.appmsg.domain.message.Lifetime;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.session.SessionSelector;
import org.appmsg.domain.session.SubscriptionKey;
import org.junit.jupiter.api.Test;

class FetchMailboxServiceTest {

    private final Fixture f = new Fixture();

    @Test
    void pages_through_the_mailbox_in_mid_order_and_says_when_more_follow() {
        f.user("alice", "t1");
        f.user("bob", "t1");
        var alice = f.tokenOf("alice");
        var bob = f.tokenOf("bob");
        for (int i = 0; i < 5; i++) {
            f.send.send(new SendMessageUseCase.Command(alice, "", Name.parse("alice@user"), Name.parse("bob@user"),
                    1, "m" + i, "", "", Lifetime.serverDefault(), new SessionSelector.All()));
        }

        var first = (Result.Page) f.fetch.fetch(new Query(bob, SubscriptionKey.parse("bob_iOS-1@user"), 0, 3));
        var second = (Result.Page) f.fetch.fetch(new Query(bob, SubscriptionKey.parse("bob@user"), 3, 3));

        assertThat(first.entries()).extracting(e -> e.mid()).containsExactly(1L, 2L, 3L);
        assertThat(first.more()).isTrue();
        assertThat(second.entries()).extracting(e -> e.mid()).containsExactly(4L, 5L);
        assertThat(second.more()).isFalse();
    }

    @Test
    void another_users_mailbox_cannot_be_read() {
        f.user("alice", "t1");
        f.user("bob", "t1");
        var alice = f.tokenOf("alice");
        assertThat(f.fetch.fetch(new Query(alice, SubscriptionKey.parse("bob@user"), 0, 10)))
                .isInstanceOf(Result.Unauthorized.class);
    }
}

package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.appmsg.application.port.in.OpenSessionUseCase.Command;
import org.appmsg.application.port.in.OpenSessionUseCase.Result;
import org.appmsg.domain.session.SubscriptionKey;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.Test;

class OpenSessionServiceTest {

    private final Fixture f = new Fixture();
    private final OpenSessionService sessions = new OpenSessionService(f.authenticate, f.presence, f.clock, 2);

    @Test
    void a_user_gets_at_most_the_configured_number_of_live_sessions_and_known_ones_reconnect() {
        f.user("alice", "t1");
        var token = f.tokenOf("alice");

        assertThat(sessions.open(new Command(SubscriptionKey.parse("alice_iOS-1@user"), token))).isInstanceOf(Result.Opened.class);
        assertThat(sessions.open(new Command(SubscriptionKey.parse("alice_Android-2@user"), token))).isInstanceOf(Result.Opened.class);
        assertThat(sessions.open(new Command(SubscriptionKey.parse("alice_Mozilla-5-3@user"), token)))
                .isEqualTo(new Result.TooManySessions(2));
        assertThat(sessions.open(new Command(SubscriptionKey.parse("alice_iOS-1@user"), token)))
                .as("a second connection of a live session").isInstanceOf(Result.Opened.class);
        assertThat(sessions.open(new Command(SubscriptionKey.parse("alice@user"), token)))
                .as("session-less keys open no session").isInstanceOf(Result.Opened.class);

        sessions.close(SubscriptionKey.parse("alice_Android-2@user"));
        assertThat(sessions.open(new Command(SubscriptionKey.parse("alice_Mozilla-5-3@user"), token))).isInstanceOf(Result.Opened.class);
        assertThat(f.presence.sessionsOf(new UserId("alice"))).hasSize(2);
    }

    @Test
    void an_admitted_connection_learns_the_token_it_rests_on_with_its_expiry() {
        f.user("alice", "t1");
        var token = f.tokenOf("alice");

        var opened = (Result.Opened) sessions.open(new Command(SubscriptionKey.parse("alice@user"), token));

        assertThat(opened.token().digest()).isEqualTo(token.digest());
        assertThat(opened.token().expiresAt()).isEqualTo(f.clock.instant().plus(java.time.Duration.ofDays(7)));
    }

    @Test
    void another_users_key_is_rejected_and_opens_nothing() {
        f.user("alice", "t1");
        f.user("bob", "t1");
        assertThat(sessions.open(new Command(SubscriptionKey.parse("bob_iOS-1@user"), f.tokenOf("alice"))))
                .isInstanceOf(Result.Rejected.class);
        assertThat(f.presence.sessionsOf(new UserId("bob"))).isEmpty();
    }
}

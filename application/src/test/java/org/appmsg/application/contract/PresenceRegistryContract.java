package org.appmsg.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.appmsg.application.port.out.PresenceRegistry;
import org.appmsg.domain.session.Session;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.session.SessionState;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PresenceRegistry} does. */
public abstract class PresenceRegistryContract {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    private static final UserId ALICE = new UserId("alice");
    private static final SessionId PHONE = new SessionId(ALICE, "Android-1");
    private static final SessionId TAB = new SessionId(ALICE, "Mozilla-5-17");

    private PresenceRegistry presence;

    /** A fresh, empty registry for each test. */
    protected abstract PresenceRegistry presence();

    @BeforeEach
    void setUpPresence() {
        presence = presence();
    }

    @Test
    void a_session_is_live_in_state_init_from_its_first_connection() {
        Session opened = presence.open(PHONE, T0);

        assertThat(opened.state()).isEqualTo(SessionState.INIT);
        assertThat(opened.type()).isEqualTo("Android");
        assertThat(presence.sessionsOf(ALICE)).containsExactly(opened);
        assertThat(presence.sessionsOf(new UserId("bob"))).isEmpty();
    }

    @Test
    void a_session_ends_when_its_last_connection_closes() {
        presence.open(PHONE, T0);
        presence.open(PHONE, T0.plusSeconds(1));
        presence.open(TAB, T0);

        presence.close(PHONE);
        assertThat(presence.sessionsOf(ALICE)).extracting(Session::id).containsExactlyInAnyOrder(PHONE, TAB);
        presence.close(PHONE);
        assertThat(presence.sessionsOf(ALICE)).extracting(Session::id).containsExactly(TAB);
        presence.close(PHONE);
        assertThat(presence.sessionsOf(ALICE)).extracting(Session::id).containsExactly(TAB);
    }

    @Test
    void states_are_set_on_live_sessions_only_and_survive_a_second_connection() {
        presence.open(PHONE, T0);

        assertThat(presence.setState(PHONE, SessionState.ACTIVE, T0.plusSeconds(5)))
                .hasValueSatisfying(s -> assertThat(s.updated()).isEqualTo(T0.plusSeconds(5)));
        assertThat(presence.open(PHONE, T0.plusSeconds(6)).state()).isEqualTo(SessionState.ACTIVE);
        assertThat(presence.setState(TAB, SessionState.ACTIVE, T0)).isEmpty();
        assertThat(presence.sessionsOf(ALICE)).extracting(Session::id).containsExactly(PHONE);
    }

    @Test
    void a_session_that_ended_starts_again_in_init() {
        presence.open(PHONE, T0);
        presence.setState(PHONE, SessionState.INACTIVE, T0);
        presence.close(PHONE);

        assertThat(presence.open(PHONE, T0.plusSeconds(60)).state()).isEqualTo(SessionState.INIT);
    }
}

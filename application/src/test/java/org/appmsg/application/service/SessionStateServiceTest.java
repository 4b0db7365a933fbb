package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.appmsg.application.port.in.GetSessionsUseCase;
import org.appmsg.application.port.in.SetSessionStateUseCase.Caller;
import org.appmsg.application.port.in.SetSessionStateUseCase.Command;
import org.appmsg.application.port.in.SetSessionStateUseCase.Result;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.session.SessionState;
import org.appmsg.domain.shared.AppId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.tenant.Application;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionStateServiceTest {

    private final Fixture f = new Fixture();
    private final SessionStateService sessions =
            new SessionStateService(f.authenticate, f.access, f.users, f.presence, f.clock);
    private final Secret app1 = new Secret("app-1");
    private final Secret app2 = new Secret("app-2");
    private final SessionId alicePhone = new SessionId(new UserId("alice"), "Android-1");
    private Secret alice;
    private Secret bob;

    @BeforeEach
    void setUp() {
        f.user("alice", "t1");
        f.user("bob", "t1");
        alice = f.tokenOf("alice");
        bob = f.tokenOf("bob");
        f.tenant("t1", "c1");
        f.tenant("t2", "c2");
        f.directory.insertApplication(new Application(new AppId("a1"), "HR", new TenantId("t1"), true), app1.digest());
        f.directory.insertApplication(new Application(new AppId("a2"), "CRM", new TenantId("t2"), true), app2.digest());
        f.presence.open(alicePhone, f.clock.instant());
    }

    @Test
    void a_user_sets_the_state_of_its_own_live_session() {
        assertThat(sessions.set(new Command(Caller.USER, alice, alicePhone, SessionState.ACTIVE)))
                .isInstanceOfSatisfying(Result.Updated.class, u -> assertThat(u.session().state()).isEqualTo(SessionState.ACTIVE));
    }

    @Test
    void another_users_session_is_forbidden_and_unchanged() {
        assertThat(sessions.set(new Command(Caller.USER, bob, alicePhone, SessionState.ACTIVE))).isInstanceOf(Result.Forbidden.class);
        assertThat(f.presence.sessionsOf(new UserId("alice"))).singleElement()
                .satisfies(s -> assertThat(s.state()).isEqualTo(SessionState.INIT));
    }

    @Test
    void a_session_that_is_not_live_is_reported_not_silently_accepted() {
        var ghost = new SessionId(new UserId("alice"), "iOS-9");
        assertThat(sessions.set(new Command(Caller.USER, alice, ghost, SessionState.ACTIVE))).isEqualTo(new Result.NotLive(ghost));
    }

    @Test
    void applications_act_on_sessions_of_their_own_tenant_only() {
        assertThat(sessions.set(new Command(Caller.APPLICATION, app1, alicePhone, SessionState.INACTIVE))).isInstanceOf(Result.Updated.class);
        assertThat(sessions.set(new Command(Caller.APPLICATION, app2, alicePhone, SessionState.ACTIVE)))
                .as("another tenant's live session answers as one that is not live")
                .isEqualTo(new Result.NotLive(alicePhone));
        assertThat(sessions.set(new Command(Caller.APPLICATION, alice, alicePhone, SessionState.ACTIVE)))
                .as("a user token is no application token").isInstanceOf(Result.Unauthorized.class);

        assertThat(sessions.list(new GetSessionsUseCase.Query(app1, new UserId("alice"))))
                .isInstanceOfSatisfying(GetSessionsUseCase.Result.Sessions.class, s -> assertThat(s.sessions())
                        .singleElement().satisfies(x -> assertThat(x.state()).isEqualTo(SessionState.INACTIVE)));
        assertThat(sessions.list(new GetSessionsUseCase.Query(app2, new UserId("alice"))))
                .isEqualTo(new GetSessionsUseCase.Result.NotFound("user alice does not exist"));
        assertThat(sessions.list(new GetSessionsUseCase.Query(app2, new UserId("nobody"))))
                .isEqualTo(new GetSessionsUseCase.Result.NotFound("user nobody does not exist"));
    }
}

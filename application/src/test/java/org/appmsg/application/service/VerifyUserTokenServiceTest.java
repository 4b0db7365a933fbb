package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.appmsg.application.port.in.VerifyUserTokenUseCase.Query;
import org.appmsg.application.port.in.VerifyUserTokenUseCase.Result;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.user.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VerifyUserTokenServiceTest {

    private final Fixture f = new Fixture();
    private final VerifyUserTokenService verify = new VerifyUserTokenService(f.access, f.authenticate);
    private User alice;
    private Secret aliceToken;
    private Secret bobToken;

    @BeforeEach
    void world() {
        f.twoCustomers();
        alice = f.user("alice", "t1");
        f.user("amy", "t1");
        f.user("bob", "t2");
        aliceToken = f.tokenOf("alice");
        bobToken = f.tokenOf("bob");
    }

    private static Query query(Secret app, Secret userToken, String user) {
        return new Query(app, userToken, new UserId(user));
    }

    @Test
    void a_valid_token_of_that_user_in_scope_is_verified() {
        assertThat(verify.verify(query(f.t1App, aliceToken, "alice"))).isEqualTo(new Result.Verified(alice));
        assertThat(verify.verify(query(f.c1App, bobToken, "bob"))).isInstanceOf(Result.Verified.class);
    }

    @Test
    void a_token_of_another_user_is_rejected() {
        assertThat(verify.verify(query(f.t1App, aliceToken, "amy"))).isEqualTo(new Result.Rejected());
    }

    @Test
    void a_user_outside_the_applications_scope_is_rejected() {
        assertThat(verify.verify(query(f.t1App, bobToken, "bob"))).isEqualTo(new Result.Rejected());
        assertThat(verify.verify(query(f.t2App, aliceToken, "alice"))).isEqualTo(new Result.Rejected());
        assertThat(verify.verify(query(f.c2App, aliceToken, "alice"))).isEqualTo(new Result.Rejected());
    }

    @Test
    void an_unknown_or_expired_token_is_rejected() {
        assertThat(verify.verify(query(f.t1App, new Secret("nope"), "alice"))).isEqualTo(new Result.Rejected());
        assertThat(verify.verify(query(f.t1App, f.t1App, "alice"))).isEqualTo(new Result.Rejected());
        f.advance(Duration.ofDays(8));
        assertThat(verify.verify(query(f.t1App, aliceToken, "alice"))).isEqualTo(new Result.Rejected());
    }

    @Test
    void an_unknown_or_disabled_application_is_unauthorized() {
        assertThat(verify.verify(query(new Secret("nope"), aliceToken, "alice"))).isEqualTo(new Result.Unauthorized());
        assertThat(verify.verify(query(f.offApp, aliceToken, "alice"))).isEqualTo(new Result.Unauthorized());
        assertThat(verify.verify(query(aliceToken, aliceToken, "alice"))).isEqualTo(new Result.Unauthorized());
    }
}

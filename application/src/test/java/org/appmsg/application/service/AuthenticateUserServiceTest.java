package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.user.User;
import org.appmsg.domain.user.UserProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthenticateUserServiceTest {

    private final Fixture f = new Fixture();

    @BeforeEach
    void world() {
        f.twoCustomers();
        f.user("alice", "t1");
    }

    @Test
    void a_cached_token_answers_with_the_users_profile_as_the_repository_has_it_now() {
        Secret token = f.tokenOf("alice");
        assertThat(f.authenticate.authenticate(token).orElseThrow().user().profile().nickname()).isEqualTo("Nick alice");

        User before = f.users.findById(new UserId("alice")).orElseThrow();
        f.users.upsert(new User(before.id(), new TenantId("t1"), new UserProfile("login-alice", "Alice Renamed",
                "", "", "", "1", "", "", ""), before.password()));

        assertThat(f.authenticate.authenticate(token).orElseThrow().user().profile().nickname())
                .as("the token is cached, its user is not").isEqualTo("Alice Renamed");
    }

    @Test
    void a_cached_token_stops_at_its_expiry_and_a_forgotten_one_is_read_again() {
        Secret token = f.tokenOf("alice");
        assertThat(f.authenticate.authenticate(token)).isPresent();

        f.tokens.delete(token.digest());
        assertThat(f.authenticate.authenticate(token)).as("cached for up to 30 s").isPresent();
        f.authenticate.forgetDigest(token.digest());
        assertThat(f.authenticate.authenticate(token)).as("forgotten: the store says it is gone").isEmpty();

        Secret other = f.tokenOf("alice");
        assertThat(f.authenticate.authenticate(other)).isPresent();
        f.now.set(f.now.get().plus(Duration.ofDays(8)));
        assertThat(f.authenticate.authenticate(other)).as("past the token's 7 days").isEmpty();
    }
}

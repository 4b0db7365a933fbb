package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.appmsg.application.port.in.LoginUseCase.Command;
import org.appmsg.application.port.in.LoginUseCase.Result;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.Test;

class LoginServiceTest {

    private final Fixture f = new Fixture();

    @Test
    void the_right_password_signs_in_records_the_device_and_issues_a_working_token() {
        f.user("alice", "t1");

        Result result = f.login.login(new Command("login-alice", "pw-alice", "iOS", "iOS-abc"));

        assertThat(result).isInstanceOf(Result.LoggedIn.class);
        var token = ((Result.LoggedIn) result).token();
        assertThat(f.authenticate.authenticate(token)).hasValueSatisfying(a -> {
            assertThat(a.user().id()).isEqualTo(new UserId("alice"));
            assertThat(a.token().deviceId()).isEqualTo("iOS-abc");
        });
        assertThat(f.users.devices()).singleElement().satisfies(d -> assertThat(d.deviceType()).isEqualTo("iOS"));
        assertThat(f.tokens.find(token.value())).as("the secret itself is not stored").isEmpty();
    }

    @Test
    void wrong_password_and_unknown_user_get_the_same_answer() {
        f.user("alice", "t1");
        assertThat(f.login.login(new Command("login-alice", "wrong", "iOS", "x"))).isEqualTo(new Result.Rejected());
        assertThat(f.login.login(new Command("nobody", "pw-alice", "iOS", "x"))).isEqualTo(new Result.Rejected());
        assertThat(f.users.devices()).isEmpty();
    }

    @Test
    void an_empty_password_never_signs_in_even_against_an_empty_legacy_password() {
        f.legacyUser("old", "t1", "");
        assertThat(f.login.login(new Command("login-old", "", "iOS", "x"))).isEqualTo(new Result.Rejected());
    }

    @Test
    void a_verbatim_legacy_password_is_rehashed_on_first_successful_login() {
        f.legacyUser("old", "t1", "s3cret");

        assertThat(f.login.login(new Command("login-old", "s3cret", "Android", "a"))).isInstanceOf(Result.LoggedIn.class);

        var stored = f.users.findById(new UserId("old")).orElseThrow().password();
        assertThat(stored.encoded()).isNotEqualTo("s3cret");
        assertThat(f.hasher.needsRehash(stored)).isFalse();
        assertThat(f.login.login(new Command("login-old", "s3cret", "Android", "a"))).isInstanceOf(Result.LoggedIn.class);
    }

    @Test
    void login_by_email_works() {
        f.user("alice", "t1");
        assertThat(f.login.login(new Command("alice@example.org", "pw-alice", "iOS", "x"))).isInstanceOf(Result.LoggedIn.class);
    }

    @Test
    void tokens_expire() {
        f.user("alice", "t1");
        var token = f.tokenOf("alice");
        f.advance(Duration.ofDays(7).plusSeconds(1));
        assertThat(f.authenticate.authenticate(token)).isEmpty();
    }
}

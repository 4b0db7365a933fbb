package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.appmsg.application.port.in.LoginUseCase.Command;
import org.appmsg.application.port.in.LoginUseCase.Result;
import org.appmsg.domain.net.SourceAddress;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.Test;

class LoginServiceTest {

    private static final SourceAddress ATTACKER = new SourceAddress("203.0.113.66");

    private final Fixture f = new Fixture();

    private static Command wrong(String userName, SourceAddress from) {
        return new Command(userName, "guess", "iOS", "x", from);
    }

    @Test
    void the_right_password_signs_in_records_the_device_and_issues_a_working_token() {
        f.user("alice", "t1");

        Result result = f.login.login(new Command("login-alice", "pw-alice", "iOS", "iOS-abc", Fixture.HOME));

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
        assertThat(f.login.login(new Command("login-alice", "wrong", "iOS", "x", Fixture.HOME))).isEqualTo(new Result.Rejected());
        assertThat(f.login.login(new Command("nobody", "pw-alice", "iOS", "x", Fixture.HOME))).isEqualTo(new Result.Rejected());
        assertThat(f.users.devices()).isEmpty();
    }

    @Test
    void by_user_id_the_password_is_checked_as_by_login_name() {
        f.user("alice", "t1");

        assertThat(f.login.login(new Command("alice", "pw-alice", "web", "", Fixture.HOME, true)))
                .isInstanceOf(Result.LoggedIn.class);
        assertThat(f.login.login(new Command("alice", "wrong", "web", "", Fixture.HOME, true)))
                .isEqualTo(new Result.Rejected());
        assertThat(f.login.login(new Command("login-alice", "pw-alice", "web", "", Fixture.HOME, true)))
                .as("a login name is not an id").isEqualTo(new Result.Rejected());
        assertThat(f.login.login(new Command("not an id!", "pw-alice", "web", "", Fixture.HOME, true)))
                .isEqualTo(new Result.Rejected());
    }

    @Test
    void an_empty_password_never_signs_in_even_against_an_empty_legacy_password() {
        f.legacyUser("old", "t1", "");
        assertThat(f.login.login(new Command("login-old", "", "iOS", "x", Fixture.HOME))).isEqualTo(new Result.Rejected());
    }

    @Test
    void a_verbatim_legacy_password_is_rehashed_on_first_successful_login() {
        f.legacyUser("old", "t1", "s3cret");

        assertThat(f.login.login(new Command("login-old", "s3cret", "Android", "a", Fixture.HOME))).isInstanceOf(Result.LoggedIn.class);

        var stored = f.users.findById(new UserId("old")).orElseThrow().password();
        assertThat(stored.encoded()).isNotEqualTo("s3cret");
        assertThat(f.hasher.needsRehash(stored)).isFalse();
        assertThat(f.login.login(new Command("login-old", "s3cret", "Android", "a", Fixture.HOME))).isInstanceOf(Result.LoggedIn.class);
    }

    @Test
    void login_by_email_works() {
        f.user("alice", "t1");
        assertThat(f.login.login(new Command("alice@example.org", "pw-alice", "iOS", "x", Fixture.HOME))).isInstanceOf(Result.LoggedIn.class);
    }

    @Test
    void the_sixth_wrong_password_locks_the_account_from_that_address_and_a_locked_attempt_checks_no_password() {
        f.user("alice", "t1");
        for (int i = 0; i < 6; i++) {
            assertThat(f.login.login(wrong("login-alice", ATTACKER))).isEqualTo(new Result.Rejected());
        }
        int checksBefore = f.hasher.checks();

        assertThat(f.login.login(new Command("login-alice", "pw-alice", "iOS", "x", ATTACKER)))
                .isEqualTo(new Result.Throttled(1));
        assertThat(f.hasher.checks()).as("no password checked while locked").isEqualTo(checksBefore);
        assertThat(f.login.login(new Command("login-alice", "pw-alice", "iOS", "x", Fixture.HOME)))
                .as("another address").isInstanceOf(Result.LoggedIn.class);

        f.advance(Duration.ofSeconds(1));
        assertThat(f.login.login(wrong("login-alice", ATTACKER))).isEqualTo(new Result.Rejected());
        assertThat(f.login.login(wrong("login-alice", ATTACKER))).as("locked again, twice as long")
                .isEqualTo(new Result.Throttled(2));
        assertThat(f.login.throttledTotal()).isEqualTo(2);
    }

    @Test
    void a_success_clears_the_count_of_its_account_from_its_address() {
        f.user("alice", "t1");
        for (int i = 0; i < 5; i++) {
            f.login.login(wrong("login-alice", ATTACKER));
        }
        assertThat(f.login.login(new Command("login-alice", "pw-alice", "iOS", "x", ATTACKER)))
                .isInstanceOf(Result.LoggedIn.class);
        for (int i = 0; i < 6; i++) {
            assertThat(f.login.login(wrong("login-alice", ATTACKER))).as("five more are free").isEqualTo(new Result.Rejected());
        }
    }

    @Test
    void a_name_that_is_no_account_is_throttled_like_one_that_is() {
        f.user("alice", "t1");
        Result ghost = null;
        Result real = null;
        for (int i = 0; i < 7; i++) {
            ghost = f.login.login(wrong("ghost", ATTACKER));
            real = f.login.login(wrong("login-alice", ATTACKER));
        }
        assertThat(ghost).isEqualTo(real).isEqualTo(new Result.Throttled(1));
    }

    @Test
    void login_name_and_email_of_one_account_share_its_count() {
        f.user("alice", "t1");
        for (int i = 0; i < 3; i++) {
            f.login.login(wrong("login-alice", ATTACKER));
            f.login.login(wrong("alice@example.org", ATTACKER));
        }
        assertThat(f.login.login(wrong("login-alice", ATTACKER))).isEqualTo(new Result.Throttled(1));
    }

    @Test
    void guessing_from_many_addresses_locks_the_account_but_not_for_an_address_it_signed_in_from() {
        f.user("alice", "t1");
        assertThat(f.login.login(new Command("login-alice", "pw-alice", "iOS", "x", Fixture.HOME)))
                .isInstanceOf(Result.LoggedIn.class);
        for (int i = 0; i < 21; i++) {
            f.login.login(wrong("login-alice", new SourceAddress("203.0.113." + i)));
        }
        assertThat(f.login.login(new Command("login-alice", "pw-alice", "iOS", "x", new SourceAddress("192.0.2.1"))))
                .isEqualTo(new Result.Throttled(1));
        assertThat(f.login.login(new Command("login-alice", "pw-alice", "iOS", "x", Fixture.HOME)))
                .isInstanceOf(Result.LoggedIn.class);
    }

    @Test
    void tokens_expire() {
        f.user("alice", "t1");
        var token = f.tokenOf("alice");
        f.advance(Duration.ofDays(7).plusSeconds(1));
        assertThat(f.authenticate.authenticate(token)).isEmpty();
    }
}

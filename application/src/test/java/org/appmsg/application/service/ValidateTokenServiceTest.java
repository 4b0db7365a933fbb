package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.appmsg.application.port.in.ValidateTokenUseCase.Query;
import org.appmsg.application.port.in.ValidateTokenUseCase.Result;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.auth.UserToken;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ValidateTokenServiceTest {

    private final Fixture f = new Fixture();
    private final ValidateTokenService validate = new ValidateTokenService(f.tokens, f.users, f.clock);
    private Secret alice;

    @BeforeEach
    void world() {
        f.user("alice", "t1");
        alice = f.tokenOf("alice");
    }

    private Result validate(Secret token) {
        return validate.validate(new Query(token));
    }

    @Test
    void a_valid_token_answers_its_user_and_fixed_expiry() {
        var expected = new Result.Valid(new UserId("alice"), f.clock.instant().plus(Duration.ofDays(7)));

        assertThat(validate(alice)).isEqualTo(expected);
        f.advance(Duration.ofDays(3));
        assertThat(validate(alice)).as("use does not extend it").isEqualTo(expected);
    }

    @Test
    void an_expired_unknown_or_deleted_token_is_invalid() {
        assertThat(validate(new Secret("nope"))).isEqualTo(new Result.Invalid());
        f.tokens.delete(alice.digest());
        assertThat(validate(alice)).isEqualTo(new Result.Invalid());

        Secret again = f.tokenOf("alice");
        f.advance(Duration.ofDays(7));
        assertThat(validate(again)).as("expired at the instant of expiry").isEqualTo(new Result.Invalid());
    }

    @Test
    void a_token_whose_user_is_gone_is_invalid() {
        Secret orphan = new Secret("orphan");
        f.tokens.save(new UserToken(orphan.digest(), new UserId("gone"), "Android", "A-1",
                f.clock.instant().plus(Duration.ofDays(1))));

        assertThat(validate(orphan)).isEqualTo(new Result.Invalid());
    }
}

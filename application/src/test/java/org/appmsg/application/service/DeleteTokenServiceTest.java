package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.appmsg.application.fake.RecordingRevocations;
import org.appmsg.application.port.in.DeleteTokenUseCase.Command;
import org.appmsg.application.port.in.DeleteTokenUseCase.Result;
import org.appmsg.domain.auth.Secret;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeleteTokenServiceTest {

    private final Fixture f = new Fixture();
    private final RecordingRevocations connections = new RecordingRevocations();
    private final DeleteTokenService delete = new DeleteTokenService(f.authenticate, f.tokens, connections, f.clock);
    private Secret alicePhone;
    private Secret aliceLaptop;
    private Secret amy;
    private Secret bob;

    @BeforeEach
    void world() {
        f.user("alice", "t1");
        f.user("amy", "t1");
        f.user("bob", "t2");
        alicePhone = f.tokenOf("alice");
        aliceLaptop = f.tokenOf("alice");
        amy = f.tokenOf("amy");
        bob = f.tokenOf("bob");
    }

    private Result delete(Secret caller, Secret revoked) {
        return delete.delete(new Command(caller, revoked));
    }

    @Test
    void revokes_another_own_token_at_once_despite_the_cache() {
        assertThat(f.authenticate.authenticate(aliceLaptop)).as("now cached").isPresent();

        assertThat(delete(alicePhone, aliceLaptop)).isEqualTo(new Result.Deleted(true));

        assertThat(f.tokens.find(aliceLaptop.digest())).isEmpty();
        assertThat(f.authenticate.authenticate(aliceLaptop)).isEmpty();
        assertThat(f.authenticate.authenticate(alicePhone)).isPresent();
        assertThat(delete(alicePhone, aliceLaptop)).isEqualTo(new Result.Deleted(false));
    }

    @Test
    void the_connections_of_a_revoked_token_are_closed_and_only_those() {
        assertThat(delete(alicePhone, aliceLaptop)).isEqualTo(new Result.Deleted(true));
        assertThat(delete(alicePhone, aliceLaptop)).isEqualTo(new Result.Deleted(false));
        assertThat(delete(alicePhone, amy)).isEqualTo(new Result.NotYours());

        assertThat(connections.revoked()).singleElement().satisfies(token -> {
            assertThat(token.digest()).isEqualTo(aliceLaptop.digest());
            assertThat(token.user().value()).isEqualTo("alice");
        });
    }

    @Test
    void revoking_the_calling_token_signs_out() {
        assertThat(delete(alicePhone, alicePhone)).isEqualTo(new Result.Deleted(true));
        assertThat(delete(alicePhone, aliceLaptop)).isEqualTo(new Result.Unauthorized());
        assertThat(f.tokens.find(aliceLaptop.digest())).isPresent();
    }

    @Test
    void a_token_of_another_user_is_not_yours_and_keeps_working() {
        assertThat(delete(alicePhone, amy)).isEqualTo(new Result.NotYours());
        assertThat(delete(alicePhone, bob)).isEqualTo(new Result.NotYours());

        assertThat(f.tokens.find(amy.digest())).isPresent();
        assertThat(f.authenticate.authenticate(amy)).isPresent();
        assertThat(f.authenticate.authenticate(bob)).isPresent();
    }

    @Test
    void an_unknown_or_expired_token_was_not_there() {
        assertThat(delete(alicePhone, new Secret("nope"))).isEqualTo(new Result.Deleted(false));

        f.advance(Duration.ofDays(6));
        Secret fresh = f.tokenOf("alice");
        f.advance(Duration.ofDays(2));
        assertThat(delete(fresh, amy)).as("expired, though of another user").isEqualTo(new Result.Deleted(false));
        assertThat(delete(fresh, aliceLaptop)).isEqualTo(new Result.Deleted(false));
    }

    @Test
    void an_unknown_or_expired_caller_is_unauthorized_and_nothing_is_deleted() {
        assertThat(delete(new Secret("nope"), amy)).isEqualTo(new Result.Unauthorized());
        f.advance(Duration.ofDays(8));
        assertThat(delete(alicePhone, aliceLaptop)).isEqualTo(new Result.Unauthorized());

        assertThat(f.tokens.find(amy.digest())).isPresent();
        assertThat(f.tokens.find(aliceLaptop.digest())).isPresent();
    }
}

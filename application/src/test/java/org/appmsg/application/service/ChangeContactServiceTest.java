package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.appmsg.application.port.in.ChangeContactUseCase.Command;
import org.appmsg.application.port.in.ChangeContactUseCase.Result;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChangeContactServiceTest {

    private final Fixture f = new Fixture();
    private final ChangeContactService change = new ChangeContactService(f.authenticate, f.users, f.contacts);
    private final UserId aliceId = new UserId("alice");
    private Secret alice;

    @BeforeEach
    void world() {
        f.user("alice", "t1");
        f.user("amy", "t1");
        f.user("bob", "t2");
        alice = f.tokenOf("alice");
    }

    private Result star(Secret token, String contact) {
        return change.change(new Command(token, new UserId(contact), true));
    }

    private Result unstar(Secret token, String contact) {
        return change.change(new Command(token, new UserId(contact), false));
    }

    @Test
    void stars_and_unstars_a_user_of_the_own_tenant_idempotently() {
        assertThat(star(alice, "amy")).isEqualTo(new Result.Done(true));
        assertThat(star(alice, "amy")).isEqualTo(new Result.Done(false));
        assertThat(f.contacts.contactsOf(aliceId)).extracting(u -> u.id().value()).containsExactly("amy");
        assertThat(f.contacts.contactsOf(new UserId("amy"))).as("only the caller's list changes").isEmpty();

        assertThat(unstar(alice, "amy")).isEqualTo(new Result.Done(true));
        assertThat(unstar(alice, "amy")).isEqualTo(new Result.Done(false));
        assertThat(f.contacts.contactsOf(aliceId)).isEmpty();
    }

    @Test
    void a_user_of_another_tenant_is_unknown_and_the_caller_itself_out_of_scope() {
        assertThat(star(alice, "bob")).isEqualTo(new Result.NotFound("user bob does not exist"));
        assertThat(star(alice, "alice")).isInstanceOf(Result.OutOfScope.class);
        assertThat(f.contacts.isContact(aliceId, new UserId("bob"))).isFalse();
        assertThat(f.contacts.isContact(aliceId, aliceId)).isFalse();
    }

    @Test
    void an_unknown_user_is_not_found() {
        assertThat(star(alice, "nobody")).isInstanceOf(Result.NotFound.class);
        assertThat(f.contacts.isContact(aliceId, new UserId("nobody"))).isFalse();
    }

    @Test
    void an_unknown_or_expired_token_is_unauthorized() {
        assertThat(star(new Secret("nope"), "amy")).isEqualTo(new Result.Unauthorized());
        f.advance(java.time.Duration.ofDays(8));
        assertThat(star(alice, "amy")).isEqualTo(new Result.Unauthorized());
        assertThat(f.contacts.contactsOf(aliceId)).isEmpty();
    }
}

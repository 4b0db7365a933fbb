package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.appmsg.application.port.in.GetMemberUseCase.Query;
import org.appmsg.application.port.in.GetMemberUseCase.Result;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.user.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GetMemberServiceTest {

    private final Fixture f = new Fixture();
    private final GetMemberService get = new GetMemberService(f.authenticate, f.users, f.contacts);
    private Secret alice;
    private User amy;
    private User anna;

    @BeforeEach
    void world() {
        f.user("alice", "t1");
        amy = f.user("amy", "t1");
        anna = f.user("anna", "t1");
        f.user("bob", "t2");
        f.contacts.add(new UserId("alice"), new UserId("amy"));
        alice = f.tokenOf("alice");
    }

    private Result get(Secret token, String member) {
        return get.get(new Query(token, new UserId(member)));
    }

    @Test
    void finds_a_user_of_the_own_tenant_with_the_contact_flag() {
        assertThat(get(alice, "amy")).isEqualTo(new Result.Found(amy, true));
        assertThat(get(alice, "anna")).isEqualTo(new Result.Found(anna, false));
        assertThat(get(f.tokenOf("amy"), "alice")).as("contacts are one-way")
                .isInstanceOfSatisfying(Result.Found.class, r -> assertThat(r.contact()).isFalse());
    }

    @Test
    void a_user_of_another_tenant_is_answered_as_an_unknown_one() {
        assertThat(get(alice, "bob")).isEqualTo(new Result.NotFound("user bob does not exist"));
        assertThat(get(alice, "nobody")).isEqualTo(new Result.NotFound("user nobody does not exist"));
    }

    @Test
    void an_unknown_or_expired_token_is_unauthorized() {
        assertThat(get(new Secret("nope"), "amy")).isEqualTo(new Result.Unauthorized());
        f.advance(java.time.Duration.ofDays(8));
        assertThat(get(alice, "amy")).isEqualTo(new Result.Unauthorized());
    }
}

package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.appmsg.application.port.in.ListUserOrgsUseCase.Query;
import org.appmsg.application.port.in.ListUserOrgsUseCase.Result;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.OrgId;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ListUserOrgsServiceTest {

    private final Fixture f = new Fixture();
    private final ListUserOrgsService list = new ListUserOrgsService(f.access, f.users, f.orgs);

    @BeforeEach
    void world() {
        f.twoCustomers();
        f.org("o1", "t1", "");
        f.org("o0", "t1", "o1");
        f.org("o2", "t2", "");
        f.user("alice", "t1");
        f.user("bob", "t2");
        f.orgs.addMember(new OrgId("o1"), new UserId("alice"), 0);
        f.orgs.addMember(new OrgId("o0"), new UserId("alice"), 0);
        f.orgs.addMember(new OrgId("o2"), new UserId("bob"), 0);
    }

    private static Query query(Secret app, String user) {
        return new Query(app, new UserId(user));
    }

    @Test
    void lists_the_orgs_of_a_user_in_scope_by_id() {
        assertThat(list.list(query(f.t1App, "alice"))).isInstanceOfSatisfying(Result.Orgs.class, r ->
                assertThat(r.orgs()).extracting(o -> o.id().value()).containsExactly("o0", "o1"));
        assertThat(list.list(query(f.c1App, "bob"))).isInstanceOfSatisfying(Result.Orgs.class, r ->
                assertThat(r.orgs()).extracting(o -> o.id().value()).containsExactly("o2"));
        f.user("nobody-linked", "t1");
        assertThat(list.list(query(f.t1App, "nobody-linked"))).isEqualTo(new Result.Orgs(java.util.List.of()));
    }

    @Test
    void a_user_outside_the_scope_answers_as_an_unknown_one() {
        assertThat(list.list(query(f.t1App, "bob"))).isEqualTo(new Result.NotFound("user bob does not exist"));
        assertThat(list.list(query(f.t2App, "alice"))).isEqualTo(new Result.NotFound("user alice does not exist"));
        assertThat(list.list(query(f.c2App, "alice"))).isEqualTo(new Result.NotFound("user alice does not exist"));
    }

    @Test
    void an_unknown_user_is_not_found() {
        assertThat(list.list(query(f.t1App, "nobody"))).isInstanceOf(Result.NotFound.class);
    }

    @Test
    void an_unknown_or_disabled_application_is_unauthorized() {
        assertThat(list.list(query(new Secret("nope"), "alice"))).isEqualTo(new Result.Unauthorized());
        assertThat(list.list(query(f.offApp, "alice"))).isEqualTo(new Result.Unauthorized());
    }
}

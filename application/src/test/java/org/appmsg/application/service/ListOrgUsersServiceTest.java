package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.appmsg.application.port.in.ListOrgUsersUseCase.Caller;
import org.appmsg.application.port.in.ListOrgUsersUseCase.Query;
import org.appmsg.application.port.in.ListOrgUsersUseCase.Result;
import org.appmsg.application.port.out.OrgRepository;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.org.OrgMember;
import org.appmsg.domain.shared.OrgId;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ListOrgUsersServiceTest {

    private final Fixture f = new Fixture();
    private final ListOrgUsersService list = new ListOrgUsersService(f.access, f.authenticate, f.orgs);

    @BeforeEach
    void world() {
        f.twoCustomers();
        f.org("o1", "t1", "");
        f.org("o2", "t2", "");
        f.user("alice", "t1");
        f.user("amy", "t1");
        f.user("bob", "t2");
        f.orgs.addMember(new OrgId("o1"), new UserId("amy"), 2);
        f.orgs.addMember(new OrgId("o1"), new UserId("alice"), 2);
        f.orgs.addMember(new OrgId("o2"), new UserId("bob"), 1);
    }

    private static Query app(Secret token, String org) {
        return new Query(new Caller.Application(token), new OrgId(org));
    }

    private static Query user(Secret token, String org) {
        return new Query(new Caller.User(token), new OrgId(org));
    }

    @Test
    void an_application_in_scope_lists_the_members_in_order() {
        assertThat(list.list(app(f.t1App, "o1"))).isInstanceOfSatisfying(Result.Members.class, m ->
                assertThat(m.members()).extracting(x -> x.user().id().value()).containsExactly("alice", "amy"));
        assertThat(list.list(app(f.c1App, "o2"))).isInstanceOfSatisfying(Result.Members.class, m ->
                assertThat(m.members()).extracting(OrgMember::sort).containsExactly(1));
    }

    @Test
    void an_org_outside_the_applications_scope_answers_as_an_unknown_one() {
        assertThat(list.list(app(f.t2App, "o1"))).isEqualTo(new Result.NotFound("org o1 does not exist"));
        assertThat(list.list(app(f.t1App, "o2"))).isEqualTo(new Result.NotFound("org o2 does not exist"));
        assertThat(list.list(app(f.c2App, "o1"))).isEqualTo(new Result.NotFound("org o1 does not exist"));
    }

    @Test
    void a_user_lists_orgs_of_its_own_tenant_only() {
        Secret alice = f.tokenOf("alice");

        assertThat(list.list(user(alice, "o1"))).isInstanceOfSatisfying(Result.Members.class, m ->
                assertThat(m.members()).hasSize(2));
        assertThat(list.list(user(alice, "o2"))).as("same customer, other tenant")
                .isEqualTo(new Result.NotFound("org o2 does not exist"));
    }

    @Test
    void an_unknown_org_is_not_found() {
        assertThat(list.list(app(f.t1App, "nope"))).isInstanceOf(Result.NotFound.class);
        assertThat(list.list(user(f.tokenOf("alice"), "nope"))).isInstanceOf(Result.NotFound.class);
    }

    @Test
    void tokens_of_the_wrong_kind_unknown_disabled_or_expired_are_unauthorized() {
        Secret alice = f.tokenOf("alice");

        assertThat(list.list(app(new Secret("nope"), "o1"))).isEqualTo(new Result.Unauthorized());
        assertThat(list.list(app(f.offApp, "o1"))).isEqualTo(new Result.Unauthorized());
        assertThat(list.list(app(alice, "o1"))).isEqualTo(new Result.Unauthorized());
        assertThat(list.list(user(f.t1App, "o1"))).isEqualTo(new Result.Unauthorized());
        f.advance(java.time.Duration.ofDays(8));
        assertThat(list.list(user(alice, "o1"))).isEqualTo(new Result.Unauthorized());
    }
}

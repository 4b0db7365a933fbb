package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.appmsg.application.port.in.ChangeOrgMembershipUseCase.Command;
import org.appmsg.application.port.in.ChangeOrgMembershipUseCase.Result;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.OrgId;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChangeOrgMembershipServiceTest {

    private final Fixture f = new Fixture();
    private final ChangeOrgMembershipService change = new ChangeOrgMembershipService(f.access, f.orgs, f.users);

    @BeforeEach
    void world() {
        f.twoCustomers();
        f.org("o1", "t1", "");
        f.org("o2", "t2", "");
        f.org("o3", "t3", "");
        f.user("alice", "t1");
        f.user("bob", "t2");
        f.user("carol", "t3");
    }

    private static Command add(Secret app, String org, String user) {
        return new Command(app, new OrgId(org), new UserId(user), true, 5);
    }

    private static Command remove(Secret app, String org, String user) {
        return new Command(app, new OrgId(org), new UserId(user), false, 0);
    }

    private int membersOf(String org) {
        return f.orgs.members(new OrgId(org)).size();
    }

    @Test
    void links_and_unlinks_idempotently() {
        assertThat(change.change(add(f.t1App, "o1", "alice"))).isEqualTo(new Result.Done(true));
        assertThat(change.change(add(f.t1App, "o1", "alice"))).isEqualTo(new Result.Done(false));
        assertThat(f.orgs.members(new OrgId("o1"))).singleElement()
                .satisfies(m -> assertThat(m.sort()).isEqualTo(5));

        assertThat(change.change(remove(f.t1App, "o1", "alice"))).isEqualTo(new Result.Done(true));
        assertThat(change.change(remove(f.t1App, "o1", "alice"))).isEqualTo(new Result.Done(false));
        assertThat(membersOf("o1")).isZero();
    }

    @Test
    void a_customer_wide_application_links_in_every_tenant_of_its_customer() {
        assertThat(change.change(add(f.c1App, "o1", "alice"))).isEqualTo(new Result.Done(true));
        assertThat(change.change(add(f.c1App, "o2", "bob"))).isEqualTo(new Result.Done(true));
    }

    @Test
    void an_org_outside_the_scope_answers_as_an_unknown_one_and_nothing_changes() {
        assertThat(change.change(add(f.t2App, "o1", "alice"))).isEqualTo(new Result.NotFound("org o1 does not exist"));
        assertThat(change.change(add(f.t1App, "o2", "bob"))).isEqualTo(new Result.NotFound("org o2 does not exist"));
        assertThat(change.change(add(f.c1App, "o3", "carol"))).isEqualTo(new Result.NotFound("org o3 does not exist"));
        assertThat(change.change(add(f.c2App, "o1", "alice"))).isEqualTo(new Result.NotFound("org o1 does not exist"));
        assertThat(membersOf("o1") + membersOf("o2") + membersOf("o3")).isZero();
    }

    @Test
    void a_user_of_another_tenant_than_the_org_is_refused_even_when_both_are_covered() {
        assertThat(change.change(add(f.c1App, "o1", "bob"))).isInstanceOf(Result.OutOfScope.class);
        assertThat(change.change(add(f.t1App, "o1", "carol"))).as("a user outside the scope is unknown")
                .isEqualTo(new Result.NotFound("user carol does not exist"));
        assertThat(membersOf("o1")).isZero();
    }

    @Test
    void an_existing_link_is_not_removed_by_an_application_out_of_scope() {
        change.change(add(f.t1App, "o1", "alice"));

        assertThat(change.change(remove(f.t2App, "o1", "alice"))).isInstanceOf(Result.NotFound.class);
        assertThat(change.change(remove(f.c2App, "o1", "alice"))).isInstanceOf(Result.NotFound.class);

        assertThat(membersOf("o1")).isOne();
    }

    @Test
    void an_unknown_org_or_user_is_not_found() {
        assertThat(change.change(add(f.t1App, "nope", "alice"))).isInstanceOf(Result.NotFound.class);
        assertThat(change.change(add(f.t1App, "o1", "nobody"))).isInstanceOf(Result.NotFound.class);
        assertThat(membersOf("o1")).isZero();
    }

    @Test
    void an_unknown_or_disabled_application_is_unauthorized() {
        assertThat(change.change(add(new Secret("nope"), "o1", "alice"))).isEqualTo(new Result.Unauthorized());
        assertThat(change.change(add(f.offApp, "o1", "alice"))).isEqualTo(new Result.Unauthorized());
        assertThat(membersOf("o1")).isZero();
    }
}

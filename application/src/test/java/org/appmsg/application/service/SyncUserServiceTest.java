package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.appmsg.application.port.in.LoginUseCase;
import org.appmsg.application.port.in.SyncUserUseCase.Command;
import org.appmsg.application.port.in.SyncUserUseCase.Result;
import org.appmsg.application.port.out.ClusterEvents;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.OrgId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.user.UserProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SyncUserServiceTest {

    private final Fixture f = new Fixture();
    private final SyncUserService sync = new SyncUserService(f.access, f.users, f.orgs, f.hasher);

    @BeforeEach
    void world() {
        f.twoCustomers();
    }

    private static UserProfile profile(String name, String nick) {
        return new UserProfile(name, nick, "", "", "", "1", "", "", "");
    }

    private Command command(Secret token, String id, String tenant, String name, String password) {
        return new Command(token, new UserId(id), tenant, profile(name, "Nick"), password, "");
    }

    private Command withOrg(Secret token, String id, String tenant, String org) {
        return new Command(token, new UserId(id), tenant, profile("login-" + id, "Nick"), "pw", org);
    }

    @Test
    void inserts_then_updates_and_hashes_the_password() {
        assertThat(sync.sync(command(f.t1App, "u1", "", "zhang", "pw"))).isEqualTo(new Result.Created(new UserId("u1")));
        assertThat(sync.sync(new Command(f.t1App, new UserId("u1"), "t1", profile("zhang", "New Nick"), "", "")))
                .isEqualTo(new Result.Updated(new UserId("u1")));

        var user = f.users.findById(new UserId("u1")).orElseThrow();
        assertThat(user.tenant()).isEqualTo(new TenantId("t1"));
        assertThat(user.profile().nickname()).isEqualTo("New Nick");
        assertThat(user.password().encoded()).isNotEqualTo("pw");
        assertThat(f.hasher.matches("pw", user.password())).as("an update without password keeps it").isTrue();
    }

    @Test
    void an_update_is_told_to_the_other_nodes_once_stored_and_nothing_else_is() {
        List<ClusterEvents.Event> told = new ArrayList<>();
        var clustered = new SyncUserService(f.access, f.users, f.orgs, f.hasher, told::add);
        clustered.sync(command(f.t1App, "u1", "", "zhang", "pw"));
        clustered.sync(command(f.t1App, "u2", "", "zhang", "pw")); // name taken: nothing stored
        clustered.sync(command(f.t1App, "u3", "t2", "li", "pw")); // out of scope
        assertThat(told).as("a new user is cached nowhere yet; a refusal changes nothing").isEmpty();

        clustered.sync(new Command(f.t1App, new UserId("u1"), "", profile("zhang", "New Nick"), "", ""));

        assertThat(told).containsExactly(ClusterEvents.UsersChanged.of(new UserId("u1")));
    }

    @Test
    void an_unknown_or_disabled_application_or_a_user_token_is_unauthorized() {
        f.user("alice", "t1");
        Secret userToken = f.tokenOf("alice");
        assertThat(sync.sync(command(new Secret("nope"), "u1", "", "zhang", "pw"))).isEqualTo(new Result.Unauthorized());
        assertThat(sync.sync(command(f.offApp, "u1", "", "zhang", "pw"))).isEqualTo(new Result.Unauthorized());
        assertThat(sync.sync(command(userToken, "u1", "", "zhang", "pw"))).isEqualTo(new Result.Unauthorized());
        assertThat(f.users.findById(new UserId("u1"))).isEmpty();
    }

    @Test
    void another_tenant_is_out_of_scope_for_writes_and_takeovers() {
        assertThat(sync.sync(command(f.t1App, "u1", "t2", "zhang", "pw"))).isInstanceOf(Result.OutOfScope.class);
        assertThat(f.users.findById(new UserId("u1"))).isEmpty();
        sync.sync(command(f.t2App, "u2", "", "li", "pw"));

        Result taken = new Result.Invalid("member.uid \"u2\" is already used");
        assertThat(sync.sync(command(f.t1App, "u2", "", "li", "stolen"))).as("a takeover").isEqualTo(taken);
        assertThat(sync.sync(command(f.c2App, "u2", "t3", "li", "stolen"))).isEqualTo(taken);

        var u2 = f.users.findById(new UserId("u2")).orElseThrow();
        assertThat(u2.tenant()).isEqualTo(new TenantId("t2"));
        assertThat(f.hasher.matches("pw", u2.password())).isTrue();
    }

    @Test
    void a_customer_wide_application_syncs_into_every_tenant_of_its_customer_only() {
        assertThat(sync.sync(command(f.c1App, "u1", "", "zhang", "pw"))).isEqualTo(new Result.Created(new UserId("u1")));
        assertThat(sync.sync(command(f.c1App, "u2", "t2", "li", "pw"))).isEqualTo(new Result.Created(new UserId("u2")));
        assertThat(f.users.findById(new UserId("u2")).orElseThrow().tenant()).isEqualTo(new TenantId("t2"));

        assertThat(sync.sync(command(f.c1App, "u3", "t3", "wang", "pw"))).isInstanceOf(Result.OutOfScope.class);
        assertThat(sync.sync(command(f.c1App, "u3", "t9", "wang", "pw"))).as("an unknown tenant")
                .isInstanceOf(Result.OutOfScope.class);
        assertThat(sync.sync(command(f.c2App, "u3", "t1", "wang", "pw"))).isInstanceOf(Result.OutOfScope.class);
        assertThat(f.users.findById(new UserId("u3"))).isEmpty();
    }

    @Test
    void a_user_never_moves_to_another_tenant_even_within_the_customer() {
        sync.sync(command(f.c1App, "u1", "t1", "zhang", "pw"));

        assertThat(sync.sync(command(f.c1App, "u1", "t2", "zhang", "new")))
                .isEqualTo(new Result.Invalid("member.uid \"u1\" is already used"));

        var u1 = f.users.findById(new UserId("u1")).orElseThrow();
        assertThat(u1.tenant()).isEqualTo(new TenantId("t1"));
        assertThat(f.hasher.matches("pw", u1.password())).isTrue();
    }

    @Test
    void a_user_synced_without_a_password_is_a_directory_entry_until_a_sync_gives_it_one() {
        assertThat(sync.sync(command(f.t1App, "u1", "", "zhang", ""))).isInstanceOf(Result.Created.class);
        assertThat(f.users.findById(new UserId("u1")).orElseThrow().password().isSet()).isFalse();
        assertThat(f.login.login(new LoginUseCase.Command("zhang", "", "iOS", "x", Fixture.HOME))).isInstanceOf(LoginUseCase.Result.Rejected.class);
        assertThat(f.login.login(new LoginUseCase.Command("zhang", "anything", "iOS", "x", Fixture.HOME))).isInstanceOf(LoginUseCase.Result.Rejected.class);

        assertThat(sync.sync(command(f.t1App, "u1", "", "zhang", "pw"))).isInstanceOf(Result.Updated.class);
        assertThat(f.login.login(new LoginUseCase.Command("zhang", "pw", "iOS", "x", Fixture.HOME))).isInstanceOf(LoginUseCase.Result.LoggedIn.class);
    }

    @Test
    void a_login_name_belongs_to_one_user() {
        sync.sync(command(f.t1App, "u1", "", "zhang", "pw"));
        assertThat(sync.sync(command(f.t1App, "u9", "", "zhang", "pw")))
                .isInstanceOfSatisfying(Result.Invalid.class, r -> assertThat(r.reason()).contains("already used"));
        assertThat(f.users.findById(new UserId("u9"))).isEmpty();
    }

    @Test
    void an_org_of_the_tenant_links_the_user_once() {
        f.org("o1", "t1", "");

        assertThat(sync.sync(withOrg(f.t1App, "u1", "", "o1"))).isEqualTo(new Result.Created(new UserId("u1")));
        assertThat(sync.sync(withOrg(f.t1App, "u1", "", "o1"))).isEqualTo(new Result.Updated(new UserId("u1")));

        assertThat(f.orgs.members(new OrgId("o1"))).singleElement()
                .satisfies(m -> assertThat(m.user().id()).isEqualTo(new UserId("u1")));
    }

    @Test
    void an_unknown_org_is_invalid_and_nothing_is_written() {
        assertThat(sync.sync(withOrg(f.t1App, "u1", "", "org-1")))
                .isInstanceOfSatisfying(Result.Invalid.class, r -> assertThat(r.reason()).contains("org-1"));
        assertThat(f.users.findById(new UserId("u1"))).isEmpty();
    }

    @Test
    void an_org_of_another_tenant_is_answered_as_an_unknown_org_and_nothing_is_written() {
        f.org("o2", "t2", "");
        f.org("o3", "t3", "");
        sync.sync(command(f.t1App, "u1", "", "login-u1", "pw"));

        assertThat(sync.sync(withOrg(f.t1App, "u2", "", "o2")))
                .isEqualTo(new Result.Invalid("orgId \"o2\" is not an org of tenant t1"));
        assertThat(sync.sync(withOrg(f.c1App, "u2", "t1", "o2"))).as("covered, but not the user's tenant")
                .isEqualTo(new Result.Invalid("orgId \"o2\" is not an org of tenant t1"));
        assertThat(sync.sync(withOrg(f.t1App, "u1", "", "o3")))
                .isEqualTo(new Result.Invalid("orgId \"o3\" is not an org of tenant t1"));
        assertThat(sync.sync(withOrg(f.t1App, "u1", "", "o9"))).as("an unknown org: the same answer")
                .isEqualTo(new Result.Invalid("orgId \"o9\" is not an org of tenant t1"));

        assertThat(f.users.findById(new UserId("u2"))).isEmpty();
        assertThat(f.hasher.matches("pw", f.users.findById(new UserId("u1")).orElseThrow().password())).isTrue();
        assertThat(f.orgs.members(new OrgId("o2"))).isEmpty();
        assertThat(f.orgs.members(new OrgId("o3"))).isEmpty();
        assertThat(f.orgs.orgsOfUser(new UserId("u1"))).isEmpty();
    }

    @Test
    void a_taken_login_name_links_no_org() {
        f.org("o1", "t1", "");
        sync.sync(command(f.t1App, "u1", "", "login-u2", "pw"));

        assertThat(sync.sync(withOrg(f.t1App, "u2", "", "o1"))).isInstanceOf(Result.Invalid.class);

        assertThat(f.orgs.members(new OrgId("o1"))).isEmpty();
    }
}

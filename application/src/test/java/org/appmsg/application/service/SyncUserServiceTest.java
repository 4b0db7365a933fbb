package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.appmsg.application.port.in.SyncUserUseCase.Command;
import org.appmsg.application.port.in.SyncUserUseCase.Result;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.AppId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.tenant.Application;
import org.appmsg.domain.user.UserProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SyncUserServiceTest {

    private final Fixture f = new Fixture();
    private final SyncUserService sync = new SyncUserService(f.directory, f.users, f.hasher);
    private final Secret app1 = new Secret("app-token-1");
    private final Secret app2 = new Secret("app-token-2");
    private final Secret disabled = new Secret("app-token-3");

    @BeforeEach
    void apps() {
        f.directory.insertApplication(new Application(new AppId("a1"), "HR", new TenantId("t1"), true), app1.digest());
        f.directory.insertApplication(new Application(new AppId("a2"), "CRM", new TenantId("t2"), true), app2.digest());
        f.directory.insertApplication(new Application(new AppId("a3"), "Old", new TenantId("t1"), false), disabled.digest());
    }

    private static UserProfile profile(String name, String nick) {
        return new UserProfile(name, nick, "", "", "", "1", "", "", "");
    }

    private Command command(Secret token, String id, String tenant, String name, String password) {
        return new Command(token, new UserId(id), tenant, profile(name, "Nick"), password, "");
    }

    @Test
    void inserts_then_updates_and_hashes_the_password() {
        assertThat(sync.sync(command(app1, "u1", "", "zhang", "pw"))).isEqualTo(new Result.Created(new UserId("u1")));
        assertThat(sync.sync(new Command(app1, new UserId("u1"), "t1", profile("zhang", "New Nick"), "", "")))
                .isEqualTo(new Result.Updated(new UserId("u1")));

        var user = f.users.findById(new UserId("u1")).orElseThrow();
        assertThat(user.tenant()).isEqualTo(new TenantId("t1"));
        assertThat(user.profile().nickname()).isEqualTo("New Nick");
        assertThat(user.password().encoded()).isNotEqualTo("pw");
        assertThat(f.hasher.matches("pw", user.password())).as("an update without password keeps it").isTrue();
    }

    @Test
    void an_unknown_or_disabled_application_is_unauthorized() {
        assertThat(sync.sync(command(new Secret("nope"), "u1", "", "zhang", "pw"))).isEqualTo(new Result.Unauthorized());
        assertThat(sync.sync(command(disabled, "u1", "", "zhang", "pw"))).isEqualTo(new Result.Unauthorized());
        assertThat(f.users.findById(new UserId("u1"))).isEmpty();
    }

    @Test
    void another_tenant_is_out_of_scope_for_writes_and_takeovers() {
        assertThat(sync.sync(command(app1, "u1", "t2", "zhang", "pw"))).isInstanceOf(Result.OutOfScope.class);
        sync.sync(command(app2, "u2", "", "li", "pw"));

        assertThat(sync.sync(command(app1, "u2", "", "li", "stolen"))).isInstanceOf(Result.OutOfScope.class);

        var u2 = f.users.findById(new UserId("u2")).orElseThrow();
        assertThat(u2.tenant()).isEqualTo(new TenantId("t2"));
        assertThat(f.hasher.matches("pw", u2.password())).isTrue();
    }

    @Test
    void a_new_user_needs_a_password_and_a_login_name_of_its_own() {
        assertThat(sync.sync(command(app1, "u1", "", "zhang", ""))).isInstanceOf(Result.Invalid.class);
        sync.sync(command(app1, "u1", "", "zhang", "pw"));
        assertThat(sync.sync(command(app1, "u9", "", "zhang", "pw")))
                .isInstanceOfSatisfying(Result.Invalid.class, r -> assertThat(r.reason()).contains("already used"));
        assertThat(f.users.findById(new UserId("u9"))).isEmpty();
    }

    @Test
    void an_unknown_org_is_refused_and_nothing_is_written() {
        assertThat(sync.sync(new Command(app1, new UserId("u1"), "", profile("zhang", "N"), "pw", "org-1")))
                .isInstanceOf(Result.Invalid.class);
        assertThat(f.users.findById(new UserId("u1"))).isEmpty();
    }
}

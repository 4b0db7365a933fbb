package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.appmsg.application.fake.InMemoryShieldRepository;
import org.appmsg.application.port.in.ChangeShieldUseCase;
import org.appmsg.application.port.in.CheckShieldUseCase;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.AppId;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShieldServiceTest {

    private static final AppId CRM = new AppId("a-t1");

    private final Fixture f = new Fixture();
    private final InMemoryShieldRepository shields = new InMemoryShieldRepository();
    private final ShieldService service = new ShieldService(f.authenticate, f.directory, shields);
    private Secret alice;

    @BeforeEach
    void directory() {
        f.twoCustomers();
        f.user("alice", "t1");
        alice = f.tokenOf("alice");
    }

    private ChangeShieldUseCase.Result set(Secret token, String sourceId, AppId app, int type, boolean on) {
        return service.change(new ChangeShieldUseCase.Command(token, sourceId, app, type, "memo", on));
    }

    private CheckShieldUseCase.Result check(Secret token, String sourceId, AppId app) {
        return service.check(new CheckShieldUseCase.Query(token, sourceId, app));
    }

    @Test
    void a_user_shields_an_application_of_its_tenant_idempotently_and_lifts_the_shield() {
        assertThat(set(alice, "", CRM, 1, true)).isEqualTo(new ChangeShieldUseCase.Result.Done(true));
        assertThat(set(alice, "alice", CRM, 1, true)).isEqualTo(new ChangeShieldUseCase.Result.Done(false));
        assertThat(shields.isShielded(new UserId("alice"), CRM)).isTrue();
        assertThat(shields.memo(new UserId("alice"), CRM)).isEqualTo("memo");
        assertThat(check(alice, "", CRM)).isEqualTo(new CheckShieldUseCase.Result.Checked(true));

        assertThat(set(alice, "", CRM, 1, false)).isEqualTo(new ChangeShieldUseCase.Result.Done(true));
        assertThat(set(alice, "", CRM, 1, false)).isEqualTo(new ChangeShieldUseCase.Result.Done(false));
        assertThat(check(alice, "alice", CRM)).isEqualTo(new CheckShieldUseCase.Result.Checked(false));
    }

    @Test
    void the_owner_is_the_token_user_and_another_source_id_is_refused() {
        f.user("bob", "t1");

        assertThat(set(alice, "bob", CRM, 1, true)).isInstanceOf(ChangeShieldUseCase.Result.NotYours.class);
        assertThat(set(alice, "bob", CRM, 1, false)).isInstanceOf(ChangeShieldUseCase.Result.NotYours.class);
        assertThat(check(alice, "bob", CRM)).isInstanceOf(CheckShieldUseCase.Result.NotYours.class);
        assertThat(shields.isShielded(new UserId("bob"), CRM)).isFalse();
        assertThat(shields.isShielded(new UserId("alice"), CRM)).isFalse();
    }

    @Test
    void an_unknown_token_is_unauthorized() {
        assertThat(set(new Secret("nope"), "", CRM, 1, true)).isEqualTo(new ChangeShieldUseCase.Result.Unauthorized());
        assertThat(check(new Secret("nope"), "", CRM)).isEqualTo(new CheckShieldUseCase.Result.Unauthorized());
    }

    @Test
    void only_application_shields_are_supported() {
        assertThat(set(alice, "", CRM, 0, true)).isInstanceOf(ChangeShieldUseCase.Result.Unsupported.class);
        assertThat(set(alice, "", CRM, 2, false)).isInstanceOf(ChangeShieldUseCase.Result.Unsupported.class);
        assertThat(shields.isShielded(new UserId("alice"), CRM)).isFalse();
    }

    @Test
    void an_application_outside_the_users_tenant_or_unknown_is_not_found() {
        AppId other = new AppId("a-t2");
        AppId ghost = new AppId("ghost");

        assertThat(set(alice, "", other, 1, true))
                .isEqualTo(new ChangeShieldUseCase.Result.NotFound("application a-t2 is not an application of your tenant"));
        assertThat(set(alice, "", ghost, 1, false)).isInstanceOf(ChangeShieldUseCase.Result.NotFound.class);
        assertThat(check(alice, "", other)).isInstanceOf(CheckShieldUseCase.Result.NotFound.class);
        assertThat(shields.isShielded(new UserId("alice"), other)).isFalse();
    }
}

package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.appmsg.application.port.in.ListApplicationsUseCase.Query;
import org.appmsg.application.port.in.ListApplicationsUseCase.Result;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.AppId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.tenant.Application;
import org.appmsg.domain.tenant.ApplicationScope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ListApplicationsServiceTest {

    private final Fixture f = new Fixture();
    private final ListApplicationsService list = new ListApplicationsService(f.authenticate, f.directory);
    private Secret alice;

    @BeforeEach
    void world() {
        f.user("alice", "t1");
        app("b2", "Beta", "t1", true);
        app("b1", "Beta", "t1", true);
        app("a9", "Alpha", "t1", true);
        app("off", "Aardvark", "t1", false);
        app("x", "Alpha", "t2", true);
        alice = f.tokenOf("alice");
    }

    private void app(String id, String name, String tenant, boolean enabled) {
        f.directory.insertApplication(new Application(new AppId(id), name, new TenantId(tenant), enabled,
                ApplicationScope.CUSTOMER), "digest-" + id);
    }

    @Test
    void lists_the_enabled_applications_of_the_own_tenant_by_name_then_id() {
        assertThat(list.list(new Query(alice))).isInstanceOfSatisfying(Result.Applications.class, r ->
                assertThat(r.applications()).extracting(a -> a.id().value()).containsExactly("a9", "b1", "b2"));
    }

    @Test
    void an_unknown_or_expired_token_is_unauthorized() {
        assertThat(list.list(new Query(new Secret("nope")))).isEqualTo(new Result.Unauthorized());
        f.advance(java.time.Duration.ofDays(8));
        assertThat(list.list(new Query(alice))).isEqualTo(new Result.Unauthorized());
    }
}

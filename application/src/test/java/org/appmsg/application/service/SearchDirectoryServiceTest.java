package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.appmsg.application.port.in.SearchDirectoryUseCase.Query;
import org.appmsg.application.port.in.SearchDirectoryUseCase.Result;
import org.appmsg.application.port.in.SearchDirectoryUseCase.Target;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.AppId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.tenant.Application;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SearchDirectoryServiceTest {

    private final Fixture f = new Fixture();
    private final SearchDirectoryService search = new SearchDirectoryService(f.authenticate, f.users, f.directory);
    private Secret alice;

    @BeforeEach
    void world() {
        f.user("alice", "t1");
        f.user("amy", "t1");
        f.user("anna", "t1");
        f.user("ann", "t2");
        app("z1", "Mail", "t1", true);
        app("m2", "Mailbox", "t1", true);
        app("m1", "Mailbox", "t1", true);
        app("off", "Mail archive", "t1", false);
        app("x", "Mail", "t2", true);
        app("h", "HR", "t1", true);
        alice = f.tokenOf("alice");
    }

    private void app(String id, String name, String tenant, boolean enabled) {
        f.directory.insertApplication(new Application(new AppId(id), name, new TenantId(tenant), enabled), "digest-" + id);
    }

    private Result search(Target target, String key, int offset, int limit) {
        return search.search(new Query(alice, target, key, offset, limit));
    }

    @Test
    void finds_users_of_the_own_tenant_paged_with_the_total() {
        assertThat(search(Target.USER, "Nick a", 0, 2)).isInstanceOfSatisfying(Result.Users.class, r -> {
            assertThat(r.users()).extracting(u -> u.id().value()).containsExactly("alice", "amy");
            assertThat(r.total()).isEqualTo(3);
        });
        assertThat(search(Target.USER, "Nick a", 2, 2)).isInstanceOfSatisfying(Result.Users.class, r -> {
            assertThat(r.users()).extracting(u -> u.id().value()).containsExactly("anna");
            assertThat(r.total()).isEqualTo(3);
        });
        assertThat(search(Target.USER, "ann", 0, 10)).as("ann lives in another tenant")
                .isInstanceOfSatisfying(Result.Users.class, r ->
                        assertThat(r.users()).extracting(u -> u.id().value()).containsExactly("anna"));
    }

    @Test
    void finds_enabled_applications_of_the_own_tenant_by_name_then_id_paged_with_the_total() {
        assertThat(search(Target.APP, "Mail", 0, 2)).isInstanceOfSatisfying(Result.Applications.class, r -> {
            assertThat(r.applications()).extracting(a -> a.id().value()).containsExactly("z1", "m1");
            assertThat(r.total()).isEqualTo(3);
        });
        assertThat(search(Target.APP, "Mail", 2, 2)).isInstanceOfSatisfying(Result.Applications.class, r -> {
            assertThat(r.applications()).extracting(a -> a.id().value()).containsExactly("m2");
            assertThat(r.total()).isEqualTo(3);
        });
        assertThat(search(Target.APP, "", 0, 10)).isInstanceOfSatisfying(Result.Applications.class, r ->
                assertThat(r.applications()).extracting(a -> a.id().value()).containsExactly("h", "z1", "m1", "m2"));
        assertThat(search(Target.APP, "mail", 0, 10)).as("case as stored")
                .isEqualTo(new Result.Applications(java.util.List.of(), 0));
    }

    @Test
    void an_unknown_or_expired_token_is_unauthorized() {
        assertThat(search.search(new Query(new Secret("nope"), Target.USER, "", 0, 10))).isEqualTo(new Result.Unauthorized());
        f.advance(java.time.Duration.ofDays(8));
        assertThat(search(Target.APP, "", 0, 10)).isEqualTo(new Result.Unauthorized());
    }
}

package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.appmsg.application.port.in.GetOrgInfoUseCase.Query;
import org.appmsg.application.port.in.GetOrgInfoUseCase.Result;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.org.OrgTree;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.OrgId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GetOrgInfoServiceTest {

    private final Fixture f = new Fixture();
    private final GetOrgInfoService info = new GetOrgInfoService(f.authenticate, f.directory, f.orgs, f.contacts);
    private Secret alice;

    @BeforeEach
    void world() {
        f.twoCustomers();
        f.org("r1", "t1", "");
        f.org("r1-b", "t1", "r1");
        f.org("r1-a", "t1", "r1");
        f.org("r0", "t1", "");
        f.org("x", "t2", "");
        f.user("alice", "t1");
        f.user("amy", "t1");
        f.user("bob", "t2");
        f.orgs.addMember(new OrgId("r1-b"), new UserId("alice"), 0);
        f.orgs.addMember(new OrgId("r1-a"), new UserId("alice"), 0);
        f.contacts.add(new UserId("alice"), new UserId("amy"));
        alice = f.tokenOf("alice");
    }

    private Result.Info infoOf(Secret token) {
        return (Result.Info) info.get(new Query(token));
    }

    private static List<String> ids(List<OrgTree.Node> nodes) {
        return nodes.stream().map(n -> n.org().id().value()).toList();
    }

    @Test
    void answers_the_tree_of_the_users_tenant_its_first_org_and_its_contacts() {
        Result.Info result = infoOf(alice);

        assertThat(result.tenant()).isEqualTo(f.directory.findTenant(new TenantId("t1")).orElseThrow());
        assertThat(ids(result.roots())).containsExactly("r0", "r1");
        assertThat(ids(result.roots().get(1).children())).containsExactly("r1-a", "r1-b");
        assertThat(result.userOrg()).hasValue(new OrgId("r1-a"));
        assertThat(result.contacts()).extracting(u -> u.id().value()).containsExactly("amy");
    }

    @Test
    void a_user_without_org_or_contacts_gets_empty_parts() {
        Result.Info result = infoOf(f.tokenOf("bob"));

        assertThat(ids(result.roots())).containsExactly("x");
        assertThat(result.userOrg()).isEmpty();
        assertThat(result.contacts()).isEmpty();
    }

    @Test
    void an_org_link_into_another_tenant_is_never_the_users_org() {
        f.orgs.addMember(new OrgId("x"), new UserId("amy"), 0);

        assertThat(infoOf(f.tokenOf("amy")).userOrg()).isEmpty();
    }

    @Test
    void a_tenant_without_row_is_answered_with_a_stand_in() {
        f.user("zed", "t7");
        f.org("z", "t7", "");

        Result.Info result = infoOf(f.tokenOf("zed"));

        assertThat(result.tenant()).isEqualTo(new Tenant(new TenantId("t7"), "", "t7", new CustomerId("t7")));
        assertThat(ids(result.roots())).containsExactly("z");
        assertThat(result.userOrg()).isEqualTo(Optional.empty());
    }

    @Test
    void an_unknown_or_expired_token_is_unauthorized() {
        assertThat(info.get(new Query(new Secret("nope")))).isEqualTo(new Result.Unauthorized());
        assertThat(info.get(new Query(f.t1App))).isEqualTo(new Result.Unauthorized());
        f.advance(Duration.ofDays(8));
        assertThat(info.get(new Query(alice))).isEqualTo(new Result.Unauthorized());
    }
}

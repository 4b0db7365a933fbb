package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.appmsg.application.port.in.SyncOrgUseCase.Command;
import org.appmsg.application.port.in.SyncOrgUseCase.Result;
import org.appmsg.application.port.out.ClusterEvents;
import org.appmsg.application.port.out.OrgRepository;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.org.Org;
import org.appmsg.domain.org.OrgMember;
import org.appmsg.domain.shared.OrgId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SyncOrgServiceTest {

    private final Fixture f = new Fixture();
    private final SyncOrgService sync = new SyncOrgService(f.access, f.orgs);

    @BeforeEach
    void world() {
        f.twoCustomers();
    }

    private static Command command(Secret app, String id, String tenant, String parent) {
        return new Command(app, new OrgId(id), tenant, parent.isEmpty() ? Optional.empty() : Optional.of(new OrgId(parent)),
                "Org " + id, "", 0);
    }

    private Org org(String id) {
        return f.orgs.find(new OrgId(id)).orElseThrow();
    }

    @Test
    void creates_then_updates_and_moves_an_org_with_its_subtree() {
        assertThat(sync.sync(command(f.t1App, "root", "", ""))).isEqualTo(new Result.Created(new OrgId("root")));
        assertThat(sync.sync(command(f.t1App, "a", "t1", "root"))).isEqualTo(new Result.Created(new OrgId("a")));
        assertThat(sync.sync(command(f.t1App, "a1", "", "a"))).isEqualTo(new Result.Created(new OrgId("a1")));
        assertThat(sync.sync(command(f.t1App, "b", "", "root"))).isEqualTo(new Result.Created(new OrgId("b")));

        assertThat(sync.sync(new Command(f.t1App, new OrgId("a"), "", Optional.of(new OrgId("b")), "Renamed", "R", 3)))
                .isEqualTo(new Result.Updated(new OrgId("a")));

        assertThat(org("a")).isEqualTo(new Org(new OrgId("a"), new TenantId("t1"), Optional.of(new OrgId("b")),
                "Renamed", "R", 3));
        assertThat(org("a1").parent()).hasValue(new OrgId("a"));
    }

    @Test
    void every_stored_save_is_told_to_the_other_nodes_and_a_refused_one_is_not() {
        List<ClusterEvents.Event> told = new ArrayList<>();
        var clustered = new SyncOrgService(f.access, f.orgs, told::add);
        clustered.sync(command(f.t1App, "root", "", ""));
        clustered.sync(command(f.c1App, "o2", "t2", ""));
        clustered.sync(command(f.t1App, "root", "", "")); // an update, though nothing differs
        clustered.sync(command(f.t1App, "x", "", "nowhere")); // unknown parent
        clustered.sync(command(f.t1App, "y", "t2", "")); // out of scope

        assertThat(told).containsExactly(new ClusterEvents.OrgsChanged(new TenantId("t1")),
                new ClusterEvents.OrgsChanged(new TenantId("t2")), new ClusterEvents.OrgsChanged(new TenantId("t1")));
    }

    @Test
    void a_customer_wide_application_syncs_orgs_in_every_tenant_of_its_customer_only() {
        assertThat(sync.sync(command(f.c1App, "o2", "t2", ""))).isEqualTo(new Result.Created(new OrgId("o2")));
        assertThat(org("o2").tenant()).isEqualTo(new TenantId("t2"));

        assertThat(sync.sync(command(f.c1App, "o3", "t3", ""))).isInstanceOf(Result.OutOfScope.class);
        assertThat(sync.sync(command(f.c2App, "o4", "t1", ""))).isInstanceOf(Result.OutOfScope.class);
        assertThat(f.orgs.find(new OrgId("o3"))).isEmpty();
        assertThat(f.orgs.find(new OrgId("o4"))).isEmpty();
    }

    @Test
    void a_tenant_scoped_application_stays_in_its_tenant() {
        assertThat(sync.sync(command(f.t1App, "o2", "t2", ""))).isInstanceOf(Result.OutOfScope.class);
        assertThat(sync.sync(command(f.t1App, "o9", "t9", ""))).as("an unknown tenant").isInstanceOf(Result.OutOfScope.class);

        assertThat(f.orgs.orgsOf(new TenantId("t2"))).isEmpty();
        assertThat(f.orgs.orgsOf(new TenantId("t9"))).isEmpty();
    }

    @Test
    void an_org_of_another_tenant_is_never_taken_over() {
        Org o2 = f.org("o2", "t2", "");
        f.org("o1", "t1", "");

        Result taken = new Result.Invalid("org.id \"o2\" is already used");
        assertThat(sync.sync(command(f.t1App, "o2", "", ""))).isEqualTo(taken);
        assertThat(sync.sync(command(f.c1App, "o2", "t1", "o1"))).as("covered, but another tenant").isEqualTo(taken);
        assertThat(sync.sync(command(f.c2App, "o2", "", ""))).isEqualTo(taken);

        assertThat(org("o2")).isEqualTo(o2);
    }

    @Test
    void a_parent_of_another_tenant_is_answered_as_an_unknown_parent() {
        f.org("p2", "t2", "");

        assertThat(sync.sync(command(f.t1App, "o1", "", "nope")))
                .isEqualTo(new Result.Invalid("parent nope of org o1 is not an org of tenant t1"));
        assertThat(sync.sync(command(f.c1App, "o1", "t1", "p2")))
                .isEqualTo(new Result.Invalid("parent p2 of org o1 is not an org of tenant t1"));
        assertThat(sync.sync(command(f.t1App, "o1", "", "p2")))
                .isEqualTo(new Result.Invalid("parent p2 of org o1 is not an org of tenant t1"));

        assertThat(f.orgs.find(new OrgId("o1"))).isEmpty();
    }

    @Test
    void a_parent_inside_the_own_subtree_is_invalid_and_nothing_moves() {
        f.org("a", "t1", "");
        f.org("b", "t1", "a");
        f.org("c", "t1", "b");

        assertThat(sync.sync(command(f.t1App, "a", "", "c")))
                .isInstanceOfSatisfying(Result.Invalid.class, r -> assertThat(r.reason()).contains("c", "a"));
        assertThat(sync.sync(command(f.t1App, "b", "", "b")))
                .isInstanceOfSatisfying(Result.Invalid.class, r -> assertThat(r.reason()).contains("own parent"));

        assertThat(org("a").parent()).isEmpty();
        assertThat(org("b").parent()).hasValue(new OrgId("a"));
    }

    @Test
    void a_tree_deeper_than_the_maximum_is_invalid() {
        f.org("d1", "t1", "");
        for (int depth = 2; depth <= Org.MAX_DEPTH; depth++) {
            assertThat(sync.sync(command(f.t1App, "d" + depth, "", "d" + (depth - 1)))).isInstanceOf(Result.Created.class);
        }

        assertThat(sync.sync(command(f.t1App, "too-deep", "", "d" + Org.MAX_DEPTH)))
                .isInstanceOfSatisfying(Result.Invalid.class,
                        r -> assertThat(r.reason()).contains("too-deep", "d64", String.valueOf(Org.MAX_DEPTH)));
        assertThat(f.orgs.find(new OrgId("too-deep"))).isEmpty();
    }

    @Test
    void an_org_created_in_another_tenant_meanwhile_is_already_used() {
        var racing = new SyncOrgService(f.access, new OtherTenantOnSave(f.orgs));

        assertThat(racing.sync(command(f.t1App, "o1", "", ""))).isEqualTo(new Result.Invalid("org.id \"o1\" is already used"));
    }

    @Test
    void an_unknown_or_disabled_application_is_unauthorized() {
        assertThat(sync.sync(command(new Secret("nope"), "o1", "", ""))).isEqualTo(new Result.Unauthorized());
        assertThat(sync.sync(command(f.offApp, "o1", "", ""))).isEqualTo(new Result.Unauthorized());
        assertThat(f.orgs.find(new OrgId("o1"))).isEmpty();
    }

    /** Answers every save as if another tenant had just taken the id (the race the pre-check cannot see). */
    private record OtherTenantOnSave(OrgRepository delegate) implements OrgRepository {
        @Override
        public Save save(Org org) {
            return Save.OTHER_TENANT;
        }

        @Override
        public Optional<Org> find(OrgId id) {
            return delegate.find(id);
        }

        @Override
        public List<Org> orgsOf(TenantId tenant) {
            return delegate.orgsOf(tenant);
        }

        @Override
        public List<OrgId> subtree(OrgId org) {
            return delegate.subtree(org);
        }

        @Override
        public boolean addMember(OrgId org, UserId user, int sort) {
            return delegate.addMember(org, user, sort);
        }

        @Override
        public boolean removeMember(OrgId org, UserId user) {
            return delegate.removeMember(org, user);
        }

        @Override
        public List<OrgMember> members(OrgId org) {
            return delegate.members(org);
        }

        @Override
        public List<Org> orgsOfUser(UserId user) {
            return delegate.orgsOfUser(user);
        }

        @Override
        public void forgetCached(TenantId tenant) {
            delegate.forgetCached(tenant);
        }

        @Override
        public void forgetAllCached() {
            delegate.forgetAllCached();
        }
    }
}

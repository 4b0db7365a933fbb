package org.appmsg.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.appmsg.domain.auth.PasswordHash;
import org.appmsg.domain.org.Org;
import org.appmsg.domain.shared.OrgId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.user.User;
import org.appmsg.domain.user.UserProfile;
import org.junit.jupiter.api.Test;

/**
 * Two nodes (two SqlPersistence on one database; each server backend by a subclass): one node's caches of users and org trees keep answering
 * with what they read until another node's change is told to them ({@code forgetCached}), and then show it.
 */
abstract class TwoNodesCacheChecks {

    abstract TestStore store();

    private static String fresh(String what) {
        return what + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }

    private static User user(String id, TenantId tenant, String nickname) {
        return new User(new UserId(id), tenant, new UserProfile("login-" + id, nickname, "", "", "", "1", "", "", ""),
                PasswordHash.none());
    }

    @Test
    void a_user_changed_on_one_node_shows_on_the_other_once_it_forgets_its_copy() {
        TenantId tenant = new TenantId(fresh("t"));
        String a = fresh("a");
        String b = fresh("b");
        var here = store().persistence().users();
        try (SqlPersistence other = SqlPersistence.start(store().settings())) {
            here.upsert(user(a, tenant, "Alice"));
            here.upsert(user(b, tenant, "Bob"));
            assertThat(here.findById(new UserId(a)).orElseThrow().profile().nickname()).isEqualTo("Alice");
            assertThat(here.findByIds(List.of(new UserId(b)))).hasSize(1); // both cached here now

            other.users().upsert(user(a, tenant, "Alice Renamed"));
            other.users().upsert(user(b, tenant, "Bob Renamed"));
            assertThat(here.findById(new UserId(a)).orElseThrow().profile().nickname())
                    .as("cached: this node has not been told").isEqualTo("Alice");

            here.forgetCached(List.of(new UserId(a)));
            assertThat(here.findById(new UserId(a)).orElseThrow().profile().nickname()).isEqualTo("Alice Renamed");
            assertThat(here.findByIds(List.of(new UserId(b))).get(new UserId(b)).profile().nickname())
                    .as("only the users named are forgotten").isEqualTo("Bob");

            here.forgetAllCached();
            assertThat(here.findByIds(List.of(new UserId(b))).get(new UserId(b)).profile().nickname())
                    .isEqualTo("Bob Renamed");
        }
    }

    @Test
    void an_org_saved_on_one_node_shows_in_the_others_tree_once_it_forgets_its_snapshot() {
        TenantId tenant = new TenantId(fresh("t"));
        TenantId untouched = new TenantId(fresh("t"));
        var here = store().persistence().orgs();
        try (SqlPersistence other = SqlPersistence.start(store().settings())) {
            Org root = new Org(new OrgId(fresh("o")), tenant, Optional.empty(), "Head office", "", 0);
            here.save(root);
            here.save(new Org(new OrgId(fresh("o")), untouched, Optional.empty(), "Elsewhere", "", 0));
            assertThat(here.orgsOf(tenant)).containsExactly(root);
            List<Org> elsewhere = here.orgsOf(untouched);

            Org child = new Org(new OrgId(fresh("o")), tenant, Optional.of(root.id()), "Sales", "", 0);
            other.orgs().save(child);
            assertThat(here.orgsOf(tenant)).as("the snapshot: this node has not been told").containsExactly(root);

            here.forgetCached(tenant);
            assertThat(here.orgsOf(tenant)).containsExactlyInAnyOrder(root, child);
            assertThat(here.orgsOf(untouched)).as("another tenant's snapshot is kept").isSameAs(elsewhere);

            Org renamed = new Org(root.id(), tenant, Optional.empty(), "HQ", "", 0);
            other.orgs().save(renamed);
            here.forgetAllCached();
            assertThat(here.orgsOf(tenant)).containsExactlyInAnyOrder(renamed, child);
        }
    }
}

package org.appmsg.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.appmsg.application.port.out.OrgRepository;
import org.appmsg.application.port.out.OrgRepository.Save;
import org.appmsg.application.port.out.UserRepository;
import org.appmsg.domain.auth.PasswordHash;
import org.appmsg.domain.org.Org;
import org.appmsg.domain.org.OrgMember;
import org.appmsg.domain.shared.OrgId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.user.User;
import org.appmsg.domain.user.UserProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link OrgRepository} does, whatever stores it. Trees are checked through the port alone: parent
 * chains from {@link OrgRepository#orgsOf} must agree with {@link OrgRepository#subtree} for every org.
 */
public abstract class OrgRepositoryContract {

    private static final AtomicLong SEQ = new AtomicLong();
    private static final String RUN = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);

    private OrgRepository orgs;
    private UserRepository users;

    /**
     * The repository under test, asked for once before each test, with {@link #users()} holding the users its
     * members are. Both may be shared between tests: each test uses tenants, orgs and users of its own.
     */
    protected abstract OrgRepository orgs();

    /** The users {@link #orgs()} reads members from; asked for once before each test, after {@link #orgs()}. */
    protected abstract UserRepository users();

    @BeforeEach
    void setUpOrgs() {
        orgs = orgs();
        users = users();
    }

    // --- insert, update, find ---

    @Test
    void a_root_and_a_child_are_inserted_found_and_listed_in_their_tenant_only() {
        TenantId tenant = tenant();
        Org root = org(tenant, null, "Head office");
        Org child = org(tenant, root, "Sales");
        assertThat(orgs.save(root)).isEqualTo(Save.INSERTED);
        assertThat(orgs.save(child)).isEqualTo(Save.INSERTED);

        assertThat(orgs.find(root.id())).contains(root);
        assertThat(orgs.find(child.id())).contains(child);
        assertThat(orgs.orgsOf(tenant)).containsExactlyInAnyOrder(root, child);
        assertThat(orgs.orgsOf(tenant())).isEmpty();
        assertThat(orgs.find(new OrgId(fresh("nobody")))).isEmpty();
    }

    @Test
    void saving_again_with_the_same_parent_updates_name_short_name_and_sort_in_place() {
        TenantId tenant = tenant();
        Org root = save(org(tenant, null, "Head office"));
        Org child = save(org(tenant, root, "Sales"));
        Org grandchild = save(org(tenant, child, "Sales east"));

        Org renamed = new Org(child.id(), tenant, child.parent(), "Sales and marketing", "S&M", 7);
        assertThat(orgs.save(renamed)).isEqualTo(Save.UPDATED);
        Org rootRenamed = new Org(root.id(), tenant, Optional.empty(), "HQ", "", 1);
        assertThat(orgs.save(rootRenamed)).isEqualTo(Save.UPDATED);

        assertThat(orgs.find(child.id())).contains(renamed);
        assertThat(orgs.find(root.id())).contains(rootRenamed);
        assertThat(orgs.find(grandchild.id())).contains(grandchild);
        assertThat(orgs.subtree(root.id())).containsExactly(root.id(), child.id(), grandchild.id());
        assertConsistent(tenant);
    }

    @Test
    void the_subtree_lists_the_org_first_and_every_org_before_its_children() {
        TenantId tenant = tenant();
        Org root = save(org(tenant, null, "root"));
        Org a = save(org(tenant, root, "a"));
        Org b = save(org(tenant, root, "b"));
        Org a1 = save(org(tenant, a, "a1"));
        Org b1 = save(org(tenant, b, "b1"));
        Org a11 = save(org(tenant, a1, "a11"));
        Org otherRoot = save(org(tenant, null, "other root"));

        List<OrgId> all = orgs.subtree(root.id());
        assertThat(all).containsExactlyInAnyOrder(root.id(), a.id(), b.id(), a1.id(), b1.id(), a11.id());
        assertThat(all.get(0)).isEqualTo(root.id());
        assertThat(all.indexOf(a.id())).isLessThan(all.indexOf(a1.id()));
        assertThat(all.indexOf(a1.id())).isLessThan(all.indexOf(a11.id()));
        assertThat(all.indexOf(b.id())).isLessThan(all.indexOf(b1.id()));
        assertThat(orgs.subtree(a.id())).containsExactly(a.id(), a1.id(), a11.id());
        assertThat(orgs.subtree(a11.id())).containsExactly(a11.id());
        assertThat(orgs.subtree(otherRoot.id())).containsExactly(otherRoot.id());
        assertThat(orgs.subtree(new OrgId(fresh("nobody")))).isEmpty();
    }

    // --- moves ---

    @Test
    void moving_an_org_moves_its_whole_subtree_several_levels_deep() {
        TenantId tenant = tenant();
        // left: L0 - L1 - L2 - L3 - L4 - L5, with side branches at L2 and L3; right: R0 - R1 - R2
        List<Org> left = chain(tenant, null, "L", 6);
        Org side2 = save(org(tenant, left.get(2), "L2 side"));
        Org side3 = save(org(tenant, left.get(3), "L3 side"));
        Org side3child = save(org(tenant, side3, "L3 side child"));
        List<Org> right = chain(tenant, null, "R", 3);

        // move L2 (with L3, L4, L5 and the side branches) under R2: from depth 3 to depth 4
        Org moved = moved(left.get(2), right.get(2));
        assertThat(orgs.save(moved)).isEqualTo(Save.UPDATED);

        assertThat(orgs.find(moved.id())).contains(moved);
        Set<OrgId> movedSubtree = Set.of(left.get(2).id(), left.get(3).id(), left.get(4).id(), left.get(5).id(),
                side2.id(), side3.id(), side3child.id());
        assertThat(orgs.subtree(right.get(0).id())).containsAll(movedSubtree).hasSize(3 + movedSubtree.size());
        assertThat(orgs.subtree(left.get(0).id())).containsExactly(left.get(0).id(), left.get(1).id());
        assertThat(orgs.subtree(moved.id())).containsExactlyInAnyOrderElementsOf(movedSubtree);
        assertThat(ancestors(tenant, left.get(5).id())).containsExactly(left.get(4).id(), left.get(3).id(),
                left.get(2).id(), right.get(2).id(), right.get(1).id(), right.get(0).id());
        assertConsistent(tenant);

        // a new child of a moved org lands under the new ancestors too
        Org late = save(org(tenant, left.get(5), "late"));
        assertThat(orgs.subtree(right.get(1).id())).contains(late.id());
        assertThat(orgs.subtree(left.get(0).id())).doesNotContain(late.id());

        // move L3 up to be a root, then L2 back under L1: every location follows
        assertThat(orgs.save(moved(left.get(3), null))).isEqualTo(Save.UPDATED);
        assertThat(orgs.save(moved(left.get(2), left.get(1)))).isEqualTo(Save.UPDATED);
        assertThat(orgs.subtree(left.get(3).id())).containsExactlyInAnyOrder(left.get(3).id(), left.get(4).id(),
                left.get(5).id(), side3.id(), side3child.id(), late.id());
        assertThat(orgs.subtree(left.get(0).id())).containsExactlyInAnyOrder(left.get(0).id(), left.get(1).id(),
                left.get(2).id(), side2.id());
        assertThat(orgs.subtree(right.get(0).id())).containsExactly(right.get(0).id(), right.get(1).id(),
                right.get(2).id());
        assertConsistent(tenant);
    }

    @Test
    void a_parent_that_is_a_descendant_of_the_org_is_refused_and_nothing_changes() {
        TenantId tenant = tenant();
        List<Org> chain = chain(tenant, null, "c", 4);
        Org top = chain.get(1);

        assertThat(orgs.save(moved(top, chain.get(3)))).isEqualTo(Save.OWN_ANCESTOR);
        assertThat(orgs.save(moved(top, chain.get(2)))).isEqualTo(Save.OWN_ANCESTOR);
        assertThat(orgs.save(moved(chain.get(0), chain.get(3)))).isEqualTo(Save.OWN_ANCESTOR);

        assertThat(orgs.find(top.id())).contains(top);
        assertThat(orgs.find(chain.get(0).id())).contains(chain.get(0));
        assertThat(orgs.subtree(chain.get(0).id())).containsExactly(ids(chain).toArray(OrgId[]::new));
        assertConsistent(tenant);
    }

    @Test
    void an_unknown_parent_is_refused_for_a_new_and_for_a_known_org() {
        TenantId tenant = tenant();
        Org root = save(org(tenant, null, "root"));
        Org child = save(org(tenant, root, "child"));
        OrgId nowhere = new OrgId(fresh("nowhere"));

        Org orphan = new Org(new OrgId(fresh("o")), tenant, Optional.of(nowhere), "orphan", "", 0);
        assertThat(orgs.save(orphan)).isEqualTo(Save.UNKNOWN_PARENT);
        assertThat(orgs.find(orphan.id())).isEmpty();

        Org moved = new Org(child.id(), tenant, Optional.of(nowhere), "moved", "", 0);
        assertThat(orgs.save(moved)).isEqualTo(Save.UNKNOWN_PARENT);
        assertThat(orgs.find(child.id())).contains(child);
        assertThat(orgs.orgsOf(tenant)).containsExactlyInAnyOrder(root, child);
    }

    @Test
    void a_parent_in_another_tenant_is_refused() {
        TenantId tenant = tenant();
        TenantId other = tenant();
        Org foreignRoot = save(org(other, null, "foreign"));
        Org root = save(org(tenant, null, "root"));
        Org child = save(org(tenant, root, "child"));

        Org newOne = new Org(new OrgId(fresh("o")), tenant, Optional.of(foreignRoot.id()), "new", "", 0);
        assertThat(orgs.save(newOne)).isEqualTo(Save.UNKNOWN_PARENT);
        assertThat(orgs.find(newOne.id())).isEmpty();
        assertThat(orgs.save(moved(child, foreignRoot))).isEqualTo(Save.UNKNOWN_PARENT);

        assertThat(orgs.find(child.id())).contains(child);
        assertThat(orgs.subtree(foreignRoot.id())).containsExactly(foreignRoot.id());
        assertThat(orgs.subtree(root.id())).containsExactly(root.id(), child.id());
    }

    @Test
    void an_id_taken_in_another_tenant_is_refused_and_nothing_changes() {
        TenantId tenant = tenant();
        TenantId other = tenant();
        Org root = save(org(tenant, null, "root"));
        Org theirs = save(org(other, null, "theirs"));

        Org sameIdAsRoot = new Org(theirs.id(), tenant, Optional.empty(), "mine now", "", 0);
        assertThat(orgs.save(sameIdAsRoot)).isEqualTo(Save.OTHER_TENANT);
        Org sameIdAsChild = new Org(theirs.id(), tenant, Optional.of(root.id()), "mine now", "", 0);
        assertThat(orgs.save(sameIdAsChild)).isEqualTo(Save.OTHER_TENANT);

        assertThat(orgs.find(theirs.id())).contains(theirs);
        assertThat(orgs.orgsOf(tenant)).containsExactly(root);
        assertThat(orgs.orgsOf(other)).containsExactly(theirs);
    }

    // --- depth and width ---

    @Test
    void a_chain_may_be_64_levels_deep_and_a_65th_level_is_too_deep() {
        TenantId tenant = tenant();
        List<Org> chain = chain(tenant, null, "d", Org.MAX_DEPTH);

        assertThat(orgs.subtree(chain.get(0).id())).containsExactlyElementsOf(ids(chain));
        assertThat(ancestors(tenant, chain.get(Org.MAX_DEPTH - 1).id())).hasSize(Org.MAX_DEPTH - 1);
        Org tooDeep = org(tenant, chain.get(Org.MAX_DEPTH - 1), "65");
        assertThat(orgs.save(tooDeep)).isEqualTo(Save.TOO_DEEP);
        assertThat(orgs.find(tooDeep.id())).isEmpty();

        // a sibling at level 64 is fine
        assertThat(orgs.save(org(tenant, chain.get(Org.MAX_DEPTH - 2), "64 too"))).isEqualTo(Save.INSERTED);
        assertConsistent(tenant);
    }

    @Test
    void a_move_that_would_push_the_deepest_descendant_past_64_levels_is_refused() {
        TenantId tenant = tenant();
        List<Org> deep = chain(tenant, null, "deep", 60);
        List<Org> branch = chain(tenant, null, "branch", 5); // 5 levels: its deepest org ends at 60 + 5 = 65

        assertThat(orgs.save(moved(branch.get(0), deep.get(59)))).isEqualTo(Save.TOO_DEEP);
        assertThat(orgs.find(branch.get(0).id())).contains(branch.get(0));
        assertThat(orgs.subtree(branch.get(0).id())).containsExactlyElementsOf(ids(branch));
        assertThat(orgs.subtree(deep.get(0).id())).hasSize(60);

        // one level higher the deepest org ends exactly at 64
        assertThat(orgs.save(moved(branch.get(0), deep.get(58)))).isEqualTo(Save.UPDATED);
        assertThat(ancestors(tenant, branch.get(4).id())).hasSize(Org.MAX_DEPTH - 1);
        assertThat(orgs.save(org(tenant, branch.get(4), "65"))).isEqualTo(Save.TOO_DEEP);

        // deep1 (depth 2) now carries 63 levels: it may move to another depth-1 parent, but not deeper,
        // although deep1 itself would only end at depth 3 or 4
        List<Org> side = chain(tenant, null, "side", 3);
        assertThat(orgs.save(moved(deep.get(1), side.get(2)))).isEqualTo(Save.TOO_DEEP);
        assertThat(orgs.save(moved(deep.get(1), side.get(1)))).isEqualTo(Save.TOO_DEEP);
        assertThat(orgs.find(deep.get(1).id())).contains(deep.get(1));
        assertThat(orgs.subtree(side.get(0).id())).containsExactlyElementsOf(ids(side));
        assertThat(orgs.save(moved(deep.get(1), side.get(0)))).isEqualTo(Save.UPDATED);
        assertThat(ancestors(tenant, branch.get(4).id())).hasSize(Org.MAX_DEPTH - 1).endsWith(side.get(0).id());
        assertConsistent(tenant);
    }

    @Test
    void a_level_of_2000_siblings_keeps_every_subtree_apart() {
        TenantId tenant = tenant();
        Org root = save(org(tenant, null, "root"));
        List<Org> siblings = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            siblings.add(save(org(tenant, root, "sibling " + i)));
        }
        Org first = siblings.get(0);
        Org last = siblings.get(siblings.size() - 1);
        Org grandchild = save(org(tenant, last, "grandchild"));

        assertThat(orgs.orgsOf(tenant)).hasSize(2002);
        assertThat(orgs.subtree(root.id())).hasSize(2002).startsWith(root.id());
        assertThat(orgs.subtree(first.id())).containsExactly(first.id());
        assertThat(orgs.subtree(siblings.get(1295).id())).containsExactly(siblings.get(1295).id()); // past "zz"
        assertThat(orgs.subtree(last.id())).containsExactly(last.id(), grandchild.id());

        assertThat(orgs.save(moved(last, first))).isEqualTo(Save.UPDATED);
        assertThat(orgs.subtree(first.id())).containsExactly(first.id(), last.id(), grandchild.id());
        assertThat(ancestors(tenant, grandchild.id())).containsExactly(last.id(), first.id(), root.id());
        assertConsistent(tenant);
    }

    // --- concurrency ---

    @Test
    void concurrent_crossing_moves_never_make_a_cycle_nor_a_wrong_subtree() throws Exception {
        TenantId tenant = tenant();
        Org root = save(org(tenant, null, "root"));
        List<Org> tops = new ArrayList<>();
        for (String name : List.of("A", "B", "C")) {
            Org top = save(org(tenant, root, name));
            save(org(tenant, save(org(tenant, top, name + "1")), name + "11"));
            tops.add(top);
        }
        int threads = 6;
        int rounds = 15;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Save>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    List<Save> outcomes = new ArrayList<>();
                    for (int round = 0; round < rounds; round++) {
                        // thread 0: A under B, thread 1: B under A, thread 2: B under C, thread 3: C under B, ...
                        Org mover = tops.get((thread / 2 + (thread % 2)) % tops.size());
                        Org target = tops.get((thread / 2 + 1 - (thread % 2)) % tops.size());
                        outcomes.add(orgs.save(moved(mover, target)));
                        if (round % 3 == 2) {
                            outcomes.add(orgs.save(moved(mover, root)));
                        }
                    }
                    return outcomes;
                }));
            }
            for (Future<List<Save>> result : results) {
                assertThat(result.get()).allMatch(s -> s == Save.UPDATED || s == Save.OWN_ANCESTOR);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(orgs.orgsOf(tenant)).hasSize(10);
        assertConsistent(tenant);
        assertThat(orgs.subtree(root.id())).hasSize(10);
    }

    // --- members ---

    @Test
    void adding_a_member_twice_changes_nothing_the_second_time() {
        TenantId tenant = tenant();
        Org org = save(org(tenant, null, "org"));
        User ann = user(tenant, "ann");

        assertThat(orgs.addMember(org.id(), ann.id(), 5)).isTrue();
        assertThat(orgs.addMember(org.id(), ann.id(), 9)).isFalse();
        assertThat(orgs.members(org.id())).containsExactly(new OrgMember(ann, 5));
        assertThat(orgs.orgsOfUser(ann.id())).containsExactly(org);
    }

    @Test
    void concurrent_adds_of_the_same_links_answer_true_exactly_once_per_link() throws Exception {
        TenantId tenant = tenant();
        List<Org> orgList = new ArrayList<>();
        List<User> userList = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            orgList.add(save(org(tenant, null, "org" + i)));
            userList.add(user(tenant, "u" + i));
        }
        int copies = 4; // each link is asked for by this many calls, all at once
        int calls = orgList.size() * userList.size() * copies;
        ExecutorService pool = Executors.newFixedThreadPool(48);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < calls; i++) {
                Org org = orgList.get(i % orgList.size());
                User user = userList.get(i / orgList.size() % userList.size());
                answers.add(pool.submit(() -> {
                    start.await();
                    return orgs.addMember(org.id(), user.id(), 0);
                }));
            }
            start.countDown();
            Map<String, Integer> trues = new HashMap<>();
            for (int i = 0; i < calls; i++) {
                String link = i % orgList.size() + "/" + i / orgList.size() % userList.size();
                trues.merge(link, answers.get(i).get() ? 1 : 0, Integer::sum);
            }
            assertThat(trues).hasSize(orgList.size() * userList.size()).allSatisfy((link, n) -> assertThat(n).isOne());
        } finally {
            pool.shutdownNow();
        }
        for (Org org : orgList) {
            assertThat(orgs.members(org.id())).extracting(OrgMember::user).containsExactlyInAnyOrderElementsOf(userList);
        }
    }

    @Test
    void removing_a_member_twice_finds_nothing_the_second_time() {
        TenantId tenant = tenant();
        Org org = save(org(tenant, null, "org"));
        User ben = user(tenant, "ben");
        User cal = user(tenant, "cal");
        orgs.addMember(org.id(), ben.id(), 1);
        orgs.addMember(org.id(), cal.id(), 2);

        assertThat(orgs.removeMember(org.id(), ben.id())).isTrue();
        assertThat(orgs.removeMember(org.id(), ben.id())).isFalse();
        assertThat(orgs.removeMember(org.id(), new UserId(fresh("nobody")))).isFalse();
        assertThat(orgs.members(org.id())).containsExactly(new OrgMember(cal, 2));
        assertThat(orgs.orgsOfUser(ben.id())).isEmpty();

        assertThat(orgs.addMember(org.id(), ben.id(), 3)).isTrue();
        assertThat(orgs.members(org.id())).containsExactly(new OrgMember(cal, 2), new OrgMember(ben, 3));
    }

    @Test
    void members_are_ordered_by_sort_then_user_id() {
        TenantId tenant = tenant();
        Org org = save(org(tenant, null, "org"));
        String prefix = fresh("m");
        User u1 = user(tenant, new UserId(prefix + "-a"), "zed");
        User u2 = user(tenant, new UserId(prefix + "-b"), "amy");
        User u3 = user(tenant, new UserId(prefix + "-c"), "bob");
        User u4 = user(tenant, new UserId(prefix + "-d"), "cat");
        orgs.addMember(org.id(), u4.id(), 1);
        orgs.addMember(org.id(), u3.id(), 2);
        orgs.addMember(org.id(), u1.id(), 2);
        orgs.addMember(org.id(), u2.id(), -1);

        assertThat(orgs.members(org.id())).containsExactly(new OrgMember(u2, -1), new OrgMember(u4, 1),
                new OrgMember(u1, 2), new OrgMember(u3, 2));
        assertThat(orgs.members(new OrgId(fresh("nobody")))).isEmpty();
    }

    @Test
    void the_orgs_of_a_user_are_ordered_by_org_id_and_follow_renames_and_moves() {
        TenantId tenant = tenant();
        String prefix = fresh("p");
        Org root = save(new Org(new OrgId(prefix + "-c"), tenant, Optional.empty(), "root", "", 0));
        Org b = save(new Org(new OrgId(prefix + "-b"), tenant, Optional.of(root.id()), "b", "", 0));
        Org a = save(new Org(new OrgId(prefix + "-a"), tenant, Optional.of(b.id()), "a", "", 0));
        User dan = user(tenant, "dan");
        orgs.addMember(root.id(), dan.id(), 0);
        orgs.addMember(a.id(), dan.id(), 0);
        orgs.addMember(b.id(), dan.id(), 0);

        assertThat(orgs.orgsOfUser(dan.id())).containsExactly(a, b, root);
        Org aMoved = new Org(a.id(), tenant, Optional.of(root.id()), "a renamed", "A", 4);
        orgs.save(aMoved);
        assertThat(orgs.orgsOfUser(dan.id())).containsExactly(aMoved, b, root);
        assertThat(orgs.orgsOfUser(new UserId(fresh("nobody")))).isEmpty();
    }

    // --- helpers ---

    /**
     * Checks the tenant's tree through the port: every parent chain ends at a root within {@link Org#MAX_DEPTH}
     * levels (no cycle, no dangling parent), and every org's subtree is exactly what the parent links say,
     * listed with the org first and parents before children.
     */
    protected final void assertConsistent(TenantId tenant) {
        List<Org> all = orgs.orgsOf(tenant);
        Map<OrgId, Org> byId = new HashMap<>();
        Map<OrgId, List<OrgId>> children = new HashMap<>();
        for (Org o : all) {
            byId.put(o.id(), o);
            o.parent().ifPresent(p -> children.computeIfAbsent(p, k -> new ArrayList<>()).add(o.id()));
        }
        for (Org o : all) {
            Set<OrgId> seen = new HashSet<>();
            Org at = o;
            int depth = 1;
            while (at.parent().isPresent()) {
                assertThat(seen.add(at.id())).as("org %s is on a cycle", o.id()).isTrue();
                at = byId.get(at.parent().get());
                assertThat(at).as("the parent chain of %s leaves the tenant", o.id()).isNotNull();
                depth++;
            }
            assertThat(depth).as("depth of %s", o.id()).isLessThanOrEqualTo(Org.MAX_DEPTH);

            List<OrgId> expected = new ArrayList<>(List.of(o.id()));
            for (int i = 0; i < expected.size(); i++) {
                expected.addAll(children.getOrDefault(expected.get(i), List.of()));
            }
            List<OrgId> subtree = orgs.subtree(o.id());
            assertThat(subtree).as("subtree of %s", o.id()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(subtree.get(0)).isEqualTo(o.id());
            for (OrgId id : subtree.subList(1, subtree.size())) {
                assertThat(subtree.indexOf(byId.get(id).parent().get())).as("parent of %s listed before it", id)
                        .isLessThan(subtree.indexOf(id));
            }
        }
    }

    /** The ids of the org's ancestors from its parent up to the root, from the parent links of orgsOf. */
    private List<OrgId> ancestors(TenantId tenant, OrgId id) {
        Map<OrgId, Org> byId = new HashMap<>();
        orgs.orgsOf(tenant).forEach(o -> byId.put(o.id(), o));
        List<OrgId> chain = new ArrayList<>();
        Optional<OrgId> parent = byId.get(id).parent();
        while (parent.isPresent() && chain.size() <= Org.MAX_DEPTH) {
            chain.add(parent.get());
            parent = byId.get(parent.get()).parent();
        }
        return chain;
    }

    /** A chain of {@code length} orgs, each the child of the one before, the first under {@code top}. */
    private List<Org> chain(TenantId tenant, Org top, String name, int length) {
        List<Org> chain = new ArrayList<>();
        Org parent = top;
        for (int i = 0; i < length; i++) {
            parent = save(org(tenant, parent, name + i));
            chain.add(parent);
        }
        return chain;
    }

    /** The org under another parent ({@code null}: as a root), otherwise unchanged. */
    private static Org moved(Org org, Org parent) {
        return new Org(org.id(), org.tenant(), Optional.ofNullable(parent).map(Org::id), org.name(), org.shortName(),
                org.sort());
    }

    private Org save(Org org) {
        assertThat(orgs.save(org)).as("save %s", org.name()).isEqualTo(Save.INSERTED);
        return org;
    }

    private static List<OrgId> ids(List<Org> list) {
        return list.stream().map(Org::id).toList();
    }

    private static Org org(TenantId tenant, Org parent, String name) {
        return new Org(new OrgId(fresh("o")), tenant, Optional.ofNullable(parent).map(Org::id), name, "", 0);
    }

    private User user(TenantId tenant, String nickname) {
        return user(tenant, new UserId(fresh("u")), nickname);
    }

    private User user(TenantId tenant, UserId id, String nickname) {
        User user = new User(id, tenant, new UserProfile(fresh(nickname), nickname, "", "", "", "1", "", "", ""),
                new PasswordHash("plain-pw"));
        assertThat(users.upsert(user)).isEqualTo(UserRepository.Upsert.INSERTED);
        return user;
    }

    private static TenantId tenant() {
        return new TenantId(fresh("t"));
    }

    private static String fresh(String prefix) {
        return prefix + "-" + RUN + "-" + SEQ.incrementAndGet();
    }
}

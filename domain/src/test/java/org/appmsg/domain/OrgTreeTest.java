package org.appmsg.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.appmsg.domain.org.Org;
import org.appmsg.domain.org.OrgTree;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.OrgId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.tenant.ApplicationScope;
import org.junit.jupiter.api.Test;

class OrgTreeTest {

    private static final TenantId T = new TenantId("t1");

    private static Org org(String id, String parent, int sort) {
        return new Org(new OrgId(id), T, Optional.ofNullable(parent).map(OrgId::new), "Org " + id, "", sort);
    }

    private static List<String> ids(List<OrgTree.Node> nodes) {
        return nodes.stream().map(n -> n.org().id().value()).toList();
    }

    @Test
    void every_level_is_ordered_by_sort_then_id() {
        var roots = OrgTree.of(List.of(org("b", null, 2), org("a", null, 2), org("c", null, 1),
                org("a2", "a", 5), org("a1", "a", 9), org("a0", "a", 5)));

        assertThat(ids(roots)).containsExactly("c", "a", "b");
        assertThat(ids(roots.get(1).children())).containsExactly("a0", "a2", "a1");
        assertThat(roots.get(0).children()).isEmpty();
    }

    @Test
    void an_org_whose_parent_is_missing_is_dropped_with_its_subtree() {
        var roots = OrgTree.of(List.of(org("r", null, 0), org("x", "gone", 0), org("y", "x", 0)));

        assertThat(ids(roots)).containsExactly("r");
        assertThat(roots.get(0).children()).isEmpty();
    }

    @Test
    void a_cycle_that_never_reaches_a_root_is_left_out() {
        var roots = OrgTree.of(List.of(org("r", null, 0), org("p", "q", 0), org("q", "p", 0)));

        assertThat(ids(roots)).containsExactly("r");
    }

    @Test
    void a_chain_as_deep_as_allowed_is_kept_whole() {
        List<Org> chain = new ArrayList<>();
        chain.add(org("o1", null, 0));
        for (int i = 2; i <= Org.MAX_DEPTH; i++) {
            chain.add(org("o" + i, "o" + (i - 1), 0));
        }
        OrgTree.Node node = OrgTree.of(chain).get(0);
        int depth = 1;
        while (!node.children().isEmpty()) {
            node = node.children().get(0);
            depth++;
        }
        assertThat(depth).isEqualTo(Org.MAX_DEPTH);
        assertThat(node.org().id().value()).isEqualTo("o" + Org.MAX_DEPTH);
    }

    @Test
    void an_org_cannot_be_its_own_parent() {
        assertThatThrownBy(() -> org("a", "a", 0))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("own parent");
    }

    @Test
    void an_org_needs_a_name_of_at_most_128_characters() {
        assertThatThrownBy(() -> new Org(new OrgId("a"), T, Optional.empty(), " ", "", 0))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("name");
        assertThatThrownBy(() -> new Org(new OrgId("a"), T, Optional.empty(), "x".repeat(129), "", 0))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("name");
    }

    @Test
    void application_scopes_travel_as_lower_case_words() {
        assertThat(ApplicationScope.fromWire("customer")).contains(ApplicationScope.CUSTOMER);
        assertThat(ApplicationScope.fromWire("tenant")).contains(ApplicationScope.TENANT);
        assertThat(ApplicationScope.fromWire("TENANT")).isEmpty();
        assertThat(ApplicationScope.CUSTOMER.wire()).isEqualTo("customer");
    }
}

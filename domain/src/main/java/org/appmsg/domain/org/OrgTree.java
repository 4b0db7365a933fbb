package org.appmsg.domain.org;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.appmsg.domain.shared.OrgId;

/**
 * A tenant's orgs as a tree, for clients' address books: roots first, every level ordered by {@code sort}
 * then id. An org whose parent is not among the given orgs is dropped with its subtree (legacy behaviour:
 * it cannot be placed).
 */
public final class OrgTree {

    /** One org and its children, in order. */
    public record Node(Org org, List<Node> children) {
        public Node {
            Objects.requireNonNull(org, "org");
            children = List.copyOf(children);
        }
    }

    private static final Comparator<Org> ORDER = Comparator.comparingInt(Org::sort)
            .thenComparing(o -> o.id().value());

    private OrgTree() {}

    /**
     * The roots of the tree the orgs form, as an unmodifiable list. Cycles cannot reach a root, so their
     * members are dropped too.
     */
    public static List<Node> of(List<Org> orgs) {
        Map<OrgId, List<Org>> children = new HashMap<>();
        List<Org> roots = new ArrayList<>();
        for (Org org : orgs) {
            if (org.isRoot()) {
                roots.add(org);
            } else {
                children.computeIfAbsent(org.parent().get(), k -> new ArrayList<>()).add(org);
            }
        }
        return List.copyOf(build(roots, children, 1));
    }

    private static List<Node> build(List<Org> level, Map<OrgId, List<Org>> children, int depth) {
        List<Org> sorted = new ArrayList<>(level);
        sorted.sort(ORDER);
        List<Node> nodes = new ArrayList<>(sorted.size());
        for (Org org : sorted) {
            List<Org> below = depth < Org.MAX_DEPTH ? children.getOrDefault(org.id(), List.of()) : List.of();
            nodes.add(new Node(org, build(below, children, depth + 1)));
        }
        return nodes;
    }
}

package org.appmsg.domain.org;

import java.util.Objects;
import java.util.Optional;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.OrgId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.Text;

/**
 * A unit of a tenant's organisation tree (部门). A root has no parent; a parent is always an org of the
 * same tenant. Orgs are mastered by the syncing application; {@code sort} orders siblings.
 */
public record Org(OrgId id, TenantId tenant, Optional<OrgId> parent, String name, String shortName, int sort) {

    /** The deepest a tree may be: the root is at depth 1. Storage sizes its subtree index for this. */
    public static final int MAX_DEPTH = 64;

    public Org {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenantId");
        Objects.requireNonNull(parent, "parentId");
        Text.required("name", name, 128);
        Text.bounded("shortName", shortName, 128);
        if (parent.isPresent() && parent.get().equals(id)) {
            throw new DomainViolation("org.own_ancestor", "org " + id + " cannot be its own parent");
        }
    }

    public boolean isRoot() {
        return parent.isEmpty();
    }
}

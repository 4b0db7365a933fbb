package org.appmsg.application.port.out;

import java.util.List;
import java.util.Optional;
import org.appmsg.domain.org.Org;
import org.appmsg.domain.org.OrgMember;
import org.appmsg.domain.shared.OrgId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.user.User;

/**
 * A tenant's org tree and who belongs to which org (R13, R14). Saving keeps the tree a tree under
 * concurrency: the parent check, the cycle check and a move of the whole subtree are one atomic step.
 * Failures surface as {@link StorageUnavailableException}. Thread-safe.
 */
public interface OrgRepository {

    /**
     * Inserts the org or updates it; a changed parent moves the org with its whole subtree, at any depth and
     * width. Nothing changes unless the answer is {@code INSERTED} or {@code UPDATED}.
     */
    Save save(Org org);

    Optional<Org> find(OrgId id);

    /**
     * Every org of the tenant, in no particular order. May answer from a snapshot: this node's saves show at
     * once, other nodes' within a few seconds; while nothing changes the same list instance comes back, so
     * callers may memoise what they derive from it by identity.
     */
    List<Org> orgsOf(TenantId tenant);

    /**
     * The org and all its descendants (at any depth), the org first and every org before its children;
     * empty when the org is unknown. For example the orgs a message to {@code @org} reaches. One consistent
     * read: a concurrent move shows entirely or not at all.
     */
    List<OrgId> subtree(OrgId org);

    /** Links the user to the org; returns false (and changes nothing) when the link exists. */
    boolean addMember(OrgId org, UserId user, int sort);

    /** Removes the link; returns false when there was none. */
    boolean removeMember(OrgId org, UserId user);

    /** The org's direct members, ordered by their {@code sort} in the org, then user id. */
    List<OrgMember> members(OrgId org);

    /** The orgs the user is linked to, ordered by org id. */
    List<Org> orgsOfUser(UserId user);

    /**
     * Drops this node's snapshot of the tenant's orgs ({@link #orgsOf}), so the next read sees the stored tree:
     * another node of a cluster saved one of them. A read that was under way keeps nothing it read before this
     * call. Cheap: it runs on the thread that receives the cluster's events.
     */
    void forgetCached(TenantId tenant);

    /** As {@link #forgetCached} for every tenant (the cluster's events may have been lost). */
    void forgetAllCached();

    enum Save {
        INSERTED,
        UPDATED,
        /** The parent is not an org of the same tenant. */
        UNKNOWN_PARENT,
        /** The new parent is the org itself or one of its descendants. */
        OWN_ANCESTOR,
        /** The org (or, on a move, the deepest org of its subtree) would end deeper than {@link Org#MAX_DEPTH}. */
        TOO_DEEP,
        /** An org with this id exists in another tenant. */
        OTHER_TENANT
    }
}

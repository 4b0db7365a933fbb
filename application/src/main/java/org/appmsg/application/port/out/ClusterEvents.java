package org.appmsg.application.port.out;

import java.util.Objects;
import java.util.Set;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;

/**
 * Tells the other nodes of a cluster that something they may hold in a cache changed, so each evicts it at once
 * instead of at its cache's expiry. Fire and forget: an event that is lost (the cluster link is away) is made up
 * for by the flush every node does when its link comes back, and by the caches' own short lifetimes. A single
 * node uses {@link #SINGLE_NODE}, which tells nobody. Never blocks for long; never throws.
 *
 * <p>A service publishes after its change is durable (committed), never before: a node that evicts on the event
 * and reads again must find the new state.
 *
 * <p>A revoked user token is not an event here: it travels with the connections it closes
 * ({@link ConnectionRevocation}, which a cluster fans out to every node).
 */
public interface ClusterEvents {

    /** For a node without peers: there is nobody to tell. */
    ClusterEvents SINGLE_NODE = event -> { };

    /** Tells every other node; this node has already evicted what the event names. */
    void publish(Event event);

    /** What changed. */
    sealed interface Event permits ApplicationsChanged, UsersChanged, OrgsChanged {}

    /** An application was disabled or enabled, or its token replaced: cached application grants are stale. */
    record ApplicationsChanged() implements Event {}

    /** These users' rows changed (profile, password): cached copies of them are stale. At least one id. */
    record UsersChanged(Set<UserId> users) implements Event {
        public UsersChanged {
            users = Set.copyOf(users);
            if (users.isEmpty()) {
                throw new IllegalArgumentException("users must name at least one user");
            }
        }

        public static UsersChanged of(UserId user) {
            return new UsersChanged(Set.of(user));
        }
    }

    /** An org of this tenant was created, renamed or moved: cached copies of the tenant's org tree are stale. */
    record OrgsChanged(TenantId tenant) implements Event {
        public OrgsChanged {
            Objects.requireNonNull(tenant, "tenant");
        }
    }
}

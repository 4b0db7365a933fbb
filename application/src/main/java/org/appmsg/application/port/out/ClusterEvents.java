package org.appmsg.application.port.out;

/**
 * Tells the other nodes of a cluster that something they may hold in a cache changed, so each evicts it at once
 * instead of at its cache's expiry. Fire and forget: an event that is lost (the cluster link is away) is made up
 * for by the flush every node does when its link comes back, and by the caches' own short lifetimes. A single
 * node uses {@link #SINGLE_NODE}, which tells nobody. Never blocks for long; never throws.
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
    sealed interface Event permits ApplicationsChanged {}

    /** An application was disabled or enabled, or its token replaced: cached application grants are stale. */
    record ApplicationsChanged() implements Event {}
}

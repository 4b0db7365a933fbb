package org.appmsg.bootstrap;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import org.appmsg.adapter.http.ServerDirectory;
import org.appmsg.adapter.persistence.redis.ClusterDelivery;
import org.appmsg.adapter.persistence.redis.NodeChoice;
import org.appmsg.adapter.persistence.redis.RedisPresence;
import org.appmsg.adapter.ws.WebSocketAdapter;
import org.appmsg.application.port.out.ClusterEvents;
import org.appmsg.application.port.out.ConnectionRevocation;
import org.appmsg.application.port.out.LiveDelivery;
import org.appmsg.application.port.out.LoginAttempts;
import org.appmsg.application.port.out.OrgRepository;
import org.appmsg.application.port.out.PresenceRegistry;
import org.appmsg.application.port.out.SharedMeters;
import org.appmsg.application.port.out.StorageHealth;
import org.appmsg.application.port.out.UserRepository;
import org.appmsg.application.service.AuthenticateApplicationService;
import org.appmsg.application.service.AuthenticateUserService;
import org.appmsg.domain.auth.LoginThrottle;
import org.appmsg.domain.name.Name;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What differs between a node alone and a node of a cluster ({@code APPMSG_REDIS_URL} set): presence, live
 * delivery, revocation, cache events, the login throttle's counts, {@code /1/server/get} and the cluster's part of
 * {@code /ready}. Alone, it is the gateway's own sessions, in-memory presence and counts, exactly as before. In a
 * cluster, {@link ClusterDelivery} over {@link RedisPresence}: presence replicated through Redis, entries and
 * revocations carried to the nodes that hold connections, caches evicted on every node, login counts shared in
 * Redis, and every local connection rereading its mailbox (and every cache flushed) when the bus may have lost
 * frames.
 */
final class ClusterWiring implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterWiring.class);

    private final WebSocketAdapter.Sessions local;
    private final ClusterDelivery cluster; // null when alone
    private final PresenceRegistry presence;
    private final NodeCaches caches;
    private volatile AuthenticateApplicationService applications;

    private ClusterWiring(WebSocketAdapter.Sessions local, ClusterDelivery cluster, PresenceRegistry presence,
            NodeCaches caches) {
        this.local = local;
        this.cluster = cluster;
        this.presence = presence;
        this.caches = caches;
    }

    /**
     * What this node caches that another node's change makes stale: user tokens (dropped by digest on a
     * revocation), users, and each tenant's org snapshot. The application grants join later
     * ({@link #applicationCache}): they are built with this wiring's {@link #events()}.
     */
    record NodeCaches(AuthenticateUserService tokens, UserRepository users, OrgRepository orgs) {
        NodeCaches {
            Objects.requireNonNull(tokens, "tokens");
            Objects.requireNonNull(users, "users");
            Objects.requireNonNull(orgs, "orgs");
        }
    }

    /** Where a node's session-less connections are counted, once the cluster is joined. */
    private static final class NodeHolder implements WebSocketAdapter.Sessions.SessionlessConnections {
        private volatile RedisPresence node;

        @Override
        public void opened(Name mailbox) {
            RedisPresence n = node;
            if (n != null) {
                n.connectionOpened(mailbox);
            }
        }

        @Override
        public void closed(Name mailbox) {
            RedisPresence n = node;
            if (n != null) {
                n.connectionClosed(mailbox);
            }
        }
    }

    /**
     * Alone: the local sessions and in-memory presence. In a cluster: joins it (returns once this node's presence
     * is synchronised; throws when Redis cannot be reached within 10 s).
     */
    static ClusterWiring join(Config config, NodeCaches caches) {
        if (!config.clustered()) {
            return new ClusterWiring(new WebSocketAdapter.Sessions(), null, WebSocketAdapter.localPresence(), caches);
        }
        NodeHolder holder = new NodeHolder(); // session-less connections count in presence, for routing
        var local = new WebSocketAdapter.Sessions(holder);
        var c = config.cluster();
        for (int port : new int[] {config.httpPort(), config.wsPort(), config.tcpPort()}) {
            if (port == 0 && (c.publicHttpAddress().isEmpty() || c.publicWsAddress().isEmpty()
                    || c.publicTcpAddress().isEmpty())) {
                throw new Config.ConfigException("a node of a cluster needs fixed listener ports (or every "
                        + "APPMSG_PUBLIC_*_ADDRESS set): other nodes tell clients where it is");
            }
        }
        var addresses = new RedisPresence.Addresses(
                Config.publicAddress(c.publicHttpAddress(), config.httpHost(), config.httpPort()),
                Config.publicAddress(c.publicWsAddress(), config.wsHost(), config.wsPort()),
                Config.publicAddress(c.publicTcpAddress(), config.tcpHost(), config.tcpPort()));
        var settings = new RedisPresence.Settings(URI.create(config.redisUrl()), config.nodeId(), addresses)
                .withKeyPrefix(c.redisPrefix())
                .withLeases(c.leaseTtl(), c.leaseTtl().dividedBy(3));
        // the bus may call back before start returns: nothing is cached and no socket is open yet, so skip
        ClusterWiring[] self = new ClusterWiring[1];
        ClusterDelivery delivery = ClusterDelivery.start(settings, new ClusterDelivery.Local(local, local,
                caches.tokens()::forgetDigest,
                event -> {
                    if (self[0] != null) {
                        self[0].evict(event);
                    }
                },
                () -> {
                    if (self[0] != null) {
                        self[0].resync();
                    }
                }));
        holder.node = delivery.node(); // before the gateway starts: no connection is missed
        self[0] = new ClusterWiring(local, delivery, delivery.node().presence(), caches);
        LOG.info("cluster: node {} joined, public addresses http {} ws {} tcp {}, {} live node(s)", config.nodeId(),
                addresses.http(), addresses.ws(), addresses.tcp(), delivery.node().liveNodes().size());
        return self[0];
    }

    /** This node's own connections, for the gateway. */
    WebSocketAdapter.Sessions localSessions() {
        return local;
    }

    /** The services' live delivery: local sockets, and the other nodes' in a cluster. */
    LiveDelivery delivery() {
        return cluster != null ? cluster : local;
    }

    /** The services' connection revocation: local sockets, and every node's in a cluster. */
    ConnectionRevocation revocation() {
        return cluster != null ? cluster : local;
    }

    PresenceRegistry presence() {
        return presence;
    }

    ClusterEvents events() {
        return cluster != null ? cluster : ClusterEvents.SINGLE_NODE;
    }

    /** The application grants cache another node's event or a resync clears. */
    void applicationCache(AuthenticateApplicationService access) {
        this.applications = access;
    }

    /**
     * The login throttle's counts: alone, {@code local}; in a cluster, shared by every node in Redis, with
     * {@code local} counting on this node while Redis is away.
     */
    LoginAttempts loginAttempts(LoginThrottle rule, LoginAttempts local) {
        return cluster == null ? local : cluster.node().loginAttempts(rule.forgetAfter(), rule.knownFor(), local);
    }

    /** The quota meters the nodes share: none alone (a node's own meters are exact). */
    Optional<SharedMeters> sharedMeters() {
        return cluster == null ? Optional.empty() : Optional.of(cluster.node().sharedMeters());
    }

    /** For {@code /ready}: the link to Redis (always up alone). */
    StorageHealth health() {
        return cluster != null ? cluster.node()::redisAvailable : () -> true;
    }

    /** {@code /1/server/get}: alone, this node; in a cluster, the live node {@link NodeChoice} picks for the user. */
    ServerDirectory servers() {
        if (cluster == null) {
            return ServerDirectory.THIS_NODE;
        }
        RedisPresence node = cluster.node();
        return (key, tcp) -> NodeChoice.forUser(node.liveNodes(), key.user().value())
                .map(n -> tcp ? n.tcpAddress() : n.wsAddress())
                .or(Optional::empty);
    }

    /** Another node's change: drop what this node caches of it (on the bus thread; each eviction is a map removal). */
    private void evict(ClusterEvents.Event event) {
        switch (event) {
            case ClusterEvents.ApplicationsChanged a -> {
                AuthenticateApplicationService access = applications;
                if (access != null) {
                    access.forgetAllLocally();
                }
            }
            case ClusterEvents.UsersChanged u -> caches.users().forgetCached(u.users());
            case ClusterEvents.OrgsChanged o -> caches.orgs().forgetCached(o.tenant());
        }
    }

    /** Frames from or to this node may have been lost: caches may be stale, connections may have gaps. */
    private void resync() {
        LOG.info("cluster: the bus reconnected; flushing caches and rereading every connection's mailbox");
        caches.tokens().forgetAll();
        caches.users().forgetAllCached();
        caches.orgs().forgetAllCached();
        AuthenticateApplicationService access = applications;
        if (access != null) {
            access.forgetAllLocally();
        }
        local.recheckAll();
    }

    @Override
    public void close() {
        if (cluster != null) {
            cluster.close();
        }
    }
}

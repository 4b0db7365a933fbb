package org.appmsg.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.appmsg.application.port.in.AuthenticateApplicationUseCase;
import org.appmsg.application.port.out.ClusterEvents;
import org.appmsg.application.port.out.DirectoryRepository;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.tenant.Application;
import org.appmsg.domain.tenant.ApplicationScope;
import org.appmsg.domain.tenant.Tenant;

/**
 * Application token → the application and where it may act, shared by every service an application
 * calls (they take this class, not the port, for {@link #covers}). Answers are cached for {@code cacheTtl} (sync traffic must not cost a token lookup per request);
 * {@link #forgetAll()} drops them at once when the operator disables an application or rotates its token on
 * this node and tells the other nodes of a cluster ({@link ClusterEvents}), which drop theirs
 * ({@link #forgetAllLocally()}); an event that is lost is made up for within {@code cacheTtl}. Unknown tokens are
 * not cached. Thread-safe.
 */
public final class AuthenticateApplicationService implements AuthenticateApplicationUseCase {

    private static final int MAX_CACHED = 10_000;

    private final DirectoryRepository directory;
    private final Clock clock;
    private final Duration cacheTtl;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();
    private final ClusterEvents cluster;

    /** For a single node. */
    public AuthenticateApplicationService(DirectoryRepository directory, Clock clock, Duration cacheTtl) {
        this(directory, clock, cacheTtl, ClusterEvents.SINGLE_NODE);
    }

    public AuthenticateApplicationService(DirectoryRepository directory, Clock clock, Duration cacheTtl,
            ClusterEvents cluster) {
        this.directory = directory;
        this.clock = clock;
        this.cacheTtl = cacheTtl;
        this.cluster = cluster;
    }

    @Override
    public Optional<Granted> authenticate(Secret token) {
        Instant now = clock.instant();
        String digest = token.digest();
        Cached cached = cache.get(digest);
        if (cached != null && cached.until().isAfter(now)) {
            return Optional.of(cached.granted());
        }
        Optional<Granted> found = directory.findApplicationByToken(digest)
                .filter(Application::enabled)
                .flatMap(app -> directory.findTenant(app.tenant()).map(t -> new Granted(app, t.customer())));
        found.ifPresentOrElse(g -> {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(digest, new Cached(g, now.plus(cacheTtl)));
        }, () -> cache.remove(digest));
        return found;
    }

    /**
     * Forgets every cached answer, here and on the other nodes, so a disabled application or a replaced token is
     * refused from now on.
     */
    public void forgetAll() {
        cache.clear();
        cluster.publish(new ClusterEvents.ApplicationsChanged());
    }

    /** Forgets every cached answer on this node only: another node said they are stale, or its events were lost. */
    public void forgetAllLocally() {
        cache.clear();
    }

    /**
     * Whether the granted application may act in {@code tenant}; answers without storage for tenant-scoped
     * applications, looks the tenant up for customer-wide ones. An unknown tenant is never in scope.
     */
    public boolean covers(Granted granted, TenantId tenant) {
        if (granted.application().tenant().equals(tenant)) {
            return true;
        }
        return granted.application().scope() == ApplicationScope.CUSTOMER
                && directory.findTenant(tenant).map(granted::covers).orElse(false);
    }

    /** {@link #covers(Granted, TenantId)} for a tenant the caller has read already: answers without storage. */
    public boolean covers(Granted granted, Tenant tenant) {
        return granted.application().tenant().equals(tenant.id()) || granted.covers(tenant);
    }

    /**
     * The tenant a request names, or the application's own when it names none ({@code tenantIdOrEmpty}
     * empty); empty when the application may not act there (see {@link #covers}).
     */
    public Optional<TenantId> tenantInScope(Granted granted, String tenantIdOrEmpty) {
        TenantId tenant = tenantIdOrEmpty.isEmpty() ? granted.tenant() : new TenantId(tenantIdOrEmpty);
        return covers(granted, tenant) ? Optional.of(tenant) : Optional.empty();
    }

    private record Cached(Granted granted, Instant until) {}
}

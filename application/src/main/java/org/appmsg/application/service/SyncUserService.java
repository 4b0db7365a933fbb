package org.appmsg.application.service;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.appmsg.application.port.in.AuthenticateApplicationUseCase;
import org.appmsg.application.port.in.SyncUserUseCase;
import org.appmsg.application.port.out.ClusterEvents;
import org.appmsg.application.port.out.OrgRepository;
import org.appmsg.application.port.out.PasswordHasher;
import org.appmsg.application.port.out.UserRepository;
import org.appmsg.domain.auth.PasswordHash;
import org.appmsg.domain.org.Org;
import org.appmsg.domain.shared.OrgId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.user.User;

/**
 * Upserts a user for an application (R12), in a tenant the application covers (its own; any of its
 * customer's with customer scope). A user never changes tenant. The password that arrives is hashed before
 * it is stored; an update without one keeps the stored hash. A given org must be of the user's tenant; the
 * user is linked to it after the upsert. Which tenant an org belongs to is remembered: orgs are never
 * deleted and never change tenant, and a bulk sync names the same orgs over and over.
 *
 * <p>An update is told to the other nodes of a cluster once it is stored ({@link ClusterEvents.UsersChanged}), so
 * none of them keeps answering with the old profile; a new user needs no event (no node caches an absent one).
 */
public final class SyncUserService implements SyncUserUseCase {

    private static final int MAX_KNOWN_ORGS = 100_000;

    private final AuthenticateApplicationService access;
    private final UserRepository users;
    private final OrgRepository orgs;
    private final PasswordHasher hasher;
    private final ClusterEvents cluster;
    private final ConcurrentHashMap<OrgId, TenantId> orgTenants = new ConcurrentHashMap<>();

    /** For a single node. */
    public SyncUserService(AuthenticateApplicationService access, UserRepository users, OrgRepository orgs,
            PasswordHasher hasher) {
        this(access, users, orgs, hasher, ClusterEvents.SINGLE_NODE);
    }

    public SyncUserService(AuthenticateApplicationService access, UserRepository users, OrgRepository orgs,
            PasswordHasher hasher, ClusterEvents cluster) {
        this.access = access;
        this.users = users;
        this.orgs = orgs;
        this.hasher = hasher;
        this.cluster = cluster;
    }

    @Override
    public Result sync(Command command) {
        Optional<AuthenticateApplicationUseCase.Granted> granted = access.authenticate(command.appToken());
        if (granted.isEmpty()) {
            return new Result.Unauthorized();
        }
        Optional<TenantId> inScope = access.tenantInScope(granted.get(), command.tenantId());
        if (inScope.isEmpty()) { // the application's own tenant is always in scope: the request named this one
            return new Result.OutOfScope(
                    "member.tenantId \"" + command.tenantId() + "\" is outside the application's scope");
        }
        TenantId tenant = inScope.get();
        Optional<OrgId> org = Optional.of(command.orgId()).filter(s -> !s.isEmpty()).map(OrgId::new);
        Optional<Result> orgRefused = org.flatMap(id -> refuseOrg(id, tenant));
        if (orgRefused.isPresent()) {
            return orgRefused.get();
        }
        // no password: an update keeps the stored one, a new user is a directory entry until one is synced
        PasswordHash password = command.password().isEmpty() ? PasswordHash.none() : hasher.hash(command.password());
        UserRepository.Upsert upsert = users.upsert(new User(command.id(), tenant, command.profile(), password));
        return switch (upsert) {
            case NAME_TAKEN -> new Result.Invalid(
                    "member.name \"" + command.profile().name() + "\" is already used by another user");
            // syncing it would take the user over; ids are unique server-wide and the answer says no more
            case OTHER_TENANT -> new Result.Invalid("member.uid \"" + command.id() + "\" is already used");
            case INSERTED, UPDATED -> {
                if (upsert == UserRepository.Upsert.UPDATED) {
                    cluster.publish(ClusterEvents.UsersChanged.of(command.id())); // the row is durable by now
                }
                org.ifPresent(o -> orgs.addMember(o, command.id(), 0));
                yield upsert == UserRepository.Upsert.INSERTED
                        ? new Result.Created(command.id())
                        : new Result.Updated(command.id());
            }
        };
    }

    /**
     * Why {@code org} cannot take a user of {@code tenant}, if it cannot: an unknown org and another tenant's org get
     * the same answer, so an application learns nothing of other tenants.
     */
    private Optional<Result> refuseOrg(OrgId org, TenantId tenant) {
        TenantId orgTenant = orgTenants.get(org);
        if (orgTenant == null) {
            Optional<Org> found = orgs.find(org);
            if (found.isPresent()) {
                orgTenant = found.get().tenant();
                if (orgTenants.size() >= MAX_KNOWN_ORGS) {
                    orgTenants.clear();
                }
                orgTenants.put(org, orgTenant);
            }
        }
        if (!tenant.equals(orgTenant)) {
            return Optional.of(new Result.Invalid("orgId \"" + org + "\" is not an org of tenant " + tenant));
        }
        return Optional.empty();
    }
}

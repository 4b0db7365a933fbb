package org.appmsg.application.service;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.appmsg.application.port.in.AuthenticateUserUseCase;
import org.appmsg.application.port.in.GetOrgInfoUseCase;
import org.appmsg.application.port.out.ContactRepository;
import org.appmsg.application.port.out.DirectoryRepository;
import org.appmsg.application.port.out.OrgRepository;
import org.appmsg.domain.org.Org;
import org.appmsg.domain.org.OrgTree;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.OrgId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.tenant.Tenant;
import org.appmsg.domain.user.User;

/**
 * The signed-in user's address book: the org tree of its own tenant, its first org there and its contacts.
 *
 * <p>A user whose tenant has no row (legacy data; synced users always have one) still gets its tenant's
 * orgs and its contacts, with a stand-in tenant: code empty, name and customer id equal to the tenant id.
 * Refusing a validly signed-in user would be worse than an unnamed tenant.
 *
 * <p>The tree is built once per org list the repository hands out (it returns the same list while the
 * tenant's orgs do not change), and the same unmodifiable tree goes to every caller of the tenant.
 */
public final class GetOrgInfoService implements GetOrgInfoUseCase {

    private static final int MAX_TREES = 10_000;

    private final AuthenticateUserUseCase authenticate;
    private final DirectoryRepository directory;
    private final OrgRepository orgs;
    private final ContactRepository contacts;
    private final ConcurrentHashMap<TenantId, Built> trees = new ConcurrentHashMap<>();

    public GetOrgInfoService(AuthenticateUserUseCase authenticate, DirectoryRepository directory, OrgRepository orgs,
            ContactRepository contacts) {
        this.authenticate = authenticate;
        this.directory = directory;
        this.orgs = orgs;
        this.contacts = contacts;
    }

    @Override
    public Result get(Query query) {
        Optional<AuthenticateUserUseCase.Authenticated> auth = authenticate.authenticate(query.userToken());
        if (auth.isEmpty()) {
            return new Result.Unauthorized();
        }
        User user = auth.get().user();
        Tenant tenant = directory.findTenant(user.tenant()).orElseGet(() -> new Tenant(user.tenant(), "",
                user.tenant().value(), new CustomerId(user.tenant().value())));
        Optional<OrgId> userOrg = orgs.orgsOfUser(user.id()).stream()
                .filter(o -> o.tenant().equals(user.tenant()))
                .map(o -> o.id())
                .findFirst();
        return new Result.Info(tenant, tree(user.tenant()), userOrg,
                contacts.contactsOf(user.id()).stream().filter(c -> c.tenant().equals(user.tenant())).toList());
    }

    /** The tenant's tree, built again only when the repository hands out a different org list. */
    private List<OrgTree.Node> tree(TenantId tenant) {
        List<Org> current = orgs.orgsOf(tenant);
        Built built = trees.get(tenant);
        if (built != null && built.source() == current) {
            return built.roots();
        }
        List<OrgTree.Node> roots = OrgTree.of(current);
        if (trees.size() >= MAX_TREES) {
            trees.clear();
        }
        trees.put(tenant, new Built(current, roots));
        return roots;
    }

    private record Built(List<Org> source, List<OrgTree.Node> roots) {}
}

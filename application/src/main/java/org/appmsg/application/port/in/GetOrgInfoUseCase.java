package org.appmsg.application.port.in;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.org.OrgTree;
import org.appmsg.domain.shared.OrgId;
import org.appmsg.domain.tenant.Tenant;
import org.appmsg.domain.user.User;

/** The signed-in user's address book ({@code getOrgInfo}): its tenant's org tree, its own org, its contacts. */
@FunctionalInterface
public interface GetOrgInfoUseCase {

    Result get(Query query);

    record Query(Secret userToken) {
        public Query {
            Objects.requireNonNull(userToken, "userToken");
        }
    }

    sealed interface Result {
        /**
         * {@code roots} per {@link OrgTree}; {@code userOrg} the first (by id) org the user belongs to;
         * {@code contacts} the user's starred contacts.
         */
        record Info(Tenant tenant, List<OrgTree.Node> roots, Optional<OrgId> userOrg, List<User> contacts)
                implements Result {
            public Info {
                Objects.requireNonNull(tenant, "tenant");
                roots = List.copyOf(roots);
                Objects.requireNonNull(userOrg, "userOrg");
                contacts = List.copyOf(contacts);
            }
        }

        record Unauthorized() implements Result {}
    }
}

package org.appmsg.application.port.in;

import java.util.Objects;
import java.util.Optional;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.OrgId;
import org.appmsg.domain.shared.Text;

/**
 * An application creates or updates an org of a tenant in its scope (R13). A new parent moves the org with
 * its subtree. {@code tenantId} empty means the application's own tenant.
 */
@FunctionalInterface
public interface SyncOrgUseCase {

    Result sync(Command command);

    record Command(Secret appToken, OrgId id, String tenantId, Optional<OrgId> parent, String name,
            String shortName, int sort) {
        public Command {
            Objects.requireNonNull(appToken, "appToken");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(parent, "parentId");
            Text.required("name", name, 128);
            Text.bounded("shortName", shortName, 128);
        }
    }

    sealed interface Result {
        record Created(OrgId id) implements Result {}

        record Updated(OrgId id) implements Result {}

        record Unauthorized() implements Result {}

        /** The tenant is outside the application's scope. */
        record OutOfScope(String reason) implements Result {}

        /**
         * Unknown parent (a parent of another tenant is unknown too), a parent inside the org's own subtree, a tree
         * too deep, or an org id taken in another tenant (ids are unique server-wide); nothing changed.
         */
        record Invalid(String reason) implements Result {}
    }
}

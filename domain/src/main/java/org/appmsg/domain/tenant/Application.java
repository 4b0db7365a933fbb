package org.appmsg.domain.tenant;

import java.util.Objects;
import org.appmsg.domain.shared.AppId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.Text;

/**
 * A business application that talks to the server with its own token. It belongs to one tenant; its
 * {@link ApplicationScope scope} says whether it acts inside that tenant only or across its customer.
 */
public record Application(AppId id, String name, TenantId tenant, boolean enabled, ApplicationScope scope) {
    public Application {
        Objects.requireNonNull(id, "id");
        Text.required("name", name, 128);
        Objects.requireNonNull(tenant, "tenantId");
        Objects.requireNonNull(scope, "scope");
    }

    /** A tenant-scoped application. */
    public Application(AppId id, String name, TenantId tenant, boolean enabled) {
        this(id, name, tenant, enabled, ApplicationScope.TENANT);
    }

    public Application withEnabled(boolean value) {
        return new Application(id, name, tenant, value, scope);
    }
}

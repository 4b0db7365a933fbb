package org.appmsg.domain.tenant;

import java.util.Objects;
import org.appmsg.domain.shared.AppId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.Text;

/**
 * A business application that talks to the server with its own token. It belongs to one tenant
 * and acts only inside it.
 */
public record Application(AppId id, String name, TenantId tenant, boolean enabled) {
    public Application {
        Objects.requireNonNull(id, "id");
        Text.required("name", name, 128);
        Objects.requireNonNull(tenant, "tenantId");
    }
}

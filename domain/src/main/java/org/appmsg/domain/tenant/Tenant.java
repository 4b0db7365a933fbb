package org.appmsg.domain.tenant;

import java.util.Objects;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.Text;

/** An organisation unit (单位) of a customer; users, orgs, groups and applications live in one tenant. */
public record Tenant(TenantId id, String code, String name, CustomerId customer) {
    public Tenant {
        Objects.requireNonNull(id, "id");
        Text.bounded("code", code, 64);
        Text.required("name", name, 128);
        Objects.requireNonNull(customer, "customerId");
    }
}

package org.appmsg.domain.tenant;

import java.util.Objects;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.Text;

/**
 * An organisation unit (单位) of a customer; users, orgs, groups and applications live in one tenant.
 * {@code status} is the syncing platform's number, kept and returned as given.
 */
public record Tenant(TenantId id, String code, String name, CustomerId customer, int status) {
    public Tenant {
        Objects.requireNonNull(id, "id");
        Text.bounded("code", code, 64);
        Text.required("name", name, 128);
        Objects.requireNonNull(customer, "customerId");
    }

    /** A tenant with status 0. */
    public Tenant(TenantId id, String code, String name, CustomerId customer) {
        this(id, code, name, customer, 0);
    }
}

package org.appmsg.domain.quota;

import java.util.Objects;
import java.util.Optional;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;

/**
 * Whom a quota row limits: one tenant of a customer, or (tenant empty, {@code *} on the wire) the customer as a
 * whole, all its tenants' usage summed. A tenant's own row takes precedence over its customer's {@code *} row.
 */
public record QuotaScope(CustomerId customer, Optional<TenantId> tenant) {

    /** The wire form of a customer-wide scope's tenant. */
    public static final String ANY_TENANT = "*";

    public QuotaScope {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(tenant, "tenant");
    }

    public static QuotaScope customerWide(CustomerId customer) {
        return new QuotaScope(customer, Optional.empty());
    }

    public static QuotaScope tenant(CustomerId customer, TenantId tenant) {
        return new QuotaScope(customer, Optional.of(tenant));
    }

    /** {@code *} or the tenant id. */
    public String tenantWire() {
        return tenant.map(TenantId::value).orElse(ANY_TENANT);
    }
}

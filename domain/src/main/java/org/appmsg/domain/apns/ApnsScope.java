package org.appmsg.domain.apns;

import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;

/**
 * Whose APNs credential: a customer's (used for all its tenants), or a tenant's own, which overrides its
 * customer's. The legacy server kept certificates per customer only (legacy §15).
 */
public record ApnsScope(Kind kind, String id) {

    public enum Kind {
        CUSTOMER("customer"),
        TENANT("tenant");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    public ApnsScope {
        if (kind == null) {
            throw new IllegalArgumentException("kind");
        }
        id = switch (kind) { // validated as the id type it is
            case CUSTOMER -> new CustomerId(id).value();
            case TENANT -> new TenantId(id).value();
        };
    }

    public static ApnsScope of(CustomerId customer) {
        return new ApnsScope(Kind.CUSTOMER, customer.value());
    }

    public static ApnsScope of(TenantId tenant) {
        return new ApnsScope(Kind.TENANT, tenant.value());
    }

    @Override
    public String toString() {
        return kind.wire + " " + id;
    }
}

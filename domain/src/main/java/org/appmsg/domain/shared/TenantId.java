package org.appmsg.domain.shared;

public record TenantId(String value) {
    public TenantId {
        Ids.check("tenant id", value);
    }

    @Override
    public String toString() {
        return value;
    }
}

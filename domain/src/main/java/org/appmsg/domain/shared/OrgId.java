package org.appmsg.domain.shared;

public record OrgId(String value) {
    public OrgId {
        Ids.check("org id", value);
    }

    @Override
    public String toString() {
        return value;
    }
}

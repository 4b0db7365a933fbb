package org.appmsg.domain.shared;

public record AppId(String value) {
    public AppId {
        Ids.check("application id", value);
    }

    @Override
    public String toString() {
        return value;
    }
}

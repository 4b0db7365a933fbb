package org.appmsg.domain.shared;

public record UserId(String value) {
    public UserId {
        Ids.check("user id", value);
    }

    @Override
    public String toString() {
        return value;
    }
}

package org.appmsg.domain.shared;

public record CustomerId(String value) {
    public CustomerId {
        Ids.check("customer id", value);
    }

    @Override
    public String toString() {
        return value;
    }
}

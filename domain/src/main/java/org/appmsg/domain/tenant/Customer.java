package org.appmsg.domain.tenant;

import java.util.Objects;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.Text;

/** A paying customer: owns tenants, quotas and APNs credentials. */
public record Customer(CustomerId id, String name) {
    public Customer {
        Objects.requireNonNull(id, "id");
        Text.required("name", name, 128);
    }
}

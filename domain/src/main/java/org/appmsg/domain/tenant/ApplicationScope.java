package org.appmsg.domain.tenant;

import java.util.Locale;
import java.util.Optional;

/**
 * Where an application may act. {@code TENANT}: inside its own tenant only (the default).
 * {@code CUSTOMER}: in every tenant of its tenant's customer, and it may create tenants for that customer.
 * Granted by the operator (admin API), never by the application itself.
 */
public enum ApplicationScope {
    TENANT,
    CUSTOMER;

    /** The lower-case name used on the wire: {@code tenant}, {@code customer}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ApplicationScope> fromWire(String text) {
        for (ApplicationScope scope : values()) {
            if (scope.wire().equals(text)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }
}

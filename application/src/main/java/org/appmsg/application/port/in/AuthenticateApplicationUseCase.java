package org.appmsg.application.port.in;

import java.util.Objects;
import java.util.Optional;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.tenant.Application;
import org.appmsg.domain.tenant.ApplicationScope;
import org.appmsg.domain.tenant.Tenant;

/**
 * Application token → the enabled application and where it may act. On the path of every application
 * request, so answers come from a short-lived cache.
 */
@FunctionalInterface
public interface AuthenticateApplicationUseCase {

    /** The enabled application holding this token, with its customer; empty when unknown or disabled. */
    Optional<Granted> authenticate(Secret token);

    /** An authenticated application and the customer its tenant belongs to. */
    record Granted(Application application, CustomerId customer) {
        public Granted {
            Objects.requireNonNull(application, "application");
            Objects.requireNonNull(customer, "customer");
        }

        public TenantId tenant() {
            return application.tenant();
        }

        /** Whether this application may act in {@code tenant}: its own, or with customer scope its customer's. */
        public boolean covers(Tenant tenant) {
            return application.scope() == ApplicationScope.CUSTOMER
                    ? tenant.customer().equals(customer)
                    : tenant.id().equals(application.tenant());
        }
    }
}

package org.appmsg.application.port.in;

import java.util.Objects;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.Text;

/**
 * An application creates or updates a tenant (R13). A tenant-scoped application may only update its own
 * tenant; a customer-wide one may create and update tenants of its own customer. The customer never changes.
 */
@FunctionalInterface
public interface SyncTenantUseCase {

    Result sync(Command command);

    record Command(Secret appToken, TenantId id, String code, String name, CustomerId customer, int status) {
        public Command {
            Objects.requireNonNull(appToken, "appToken");
            Objects.requireNonNull(id, "id");
            Text.bounded("code", code, 64);
            Text.required("name", name, 128);
            Objects.requireNonNull(customer, "customerId");
        }
    }

    sealed interface Result {
        record Created(TenantId id) implements Result {}

        record Updated(TenantId id) implements Result {}

        /** The application token is unknown or the application is disabled. */
        record Unauthorized() implements Result {}

        /** The tenant or customer is outside the application's scope; nothing changed. */
        record OutOfScope(String reason) implements Result {}

        /**
         * Well-formed but cannot be applied: the id is taken by a tenant outside the application's scope (ids are
         * unique server-wide). Says no more than that. Nothing changed.
         */
        record Invalid(String reason) implements Result {}
    }
}

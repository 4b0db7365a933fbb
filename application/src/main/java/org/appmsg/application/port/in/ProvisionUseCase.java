package org.appmsg.application.port.in;

import java.util.Objects;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.Text;
import org.appmsg.domain.tenant.Application;
import org.appmsg.domain.tenant.Customer;
import org.appmsg.domain.tenant.Tenant;

/**
 * The operator provisions customers, tenants and applications (admin API). Callers have already
 * proven the admin key with {@link AuthenticateAdminUseCase}.
 */
@FunctionalInterface
public interface ProvisionUseCase {

    Result provision(Request request);

    /** What to provision; an absent id ({@code ""}) is generated. Each variant is a command record. */
    sealed interface Request {
        record CreateCustomer(String id, String name) implements Request {
            public CreateCustomer {
                Objects.requireNonNull(id, "id");
                Text.required("name", name, 128);
            }
        }

        record CreateTenant(String id, String code, String name, String customerId) implements Request {
            public CreateTenant {
                Objects.requireNonNull(id, "id");
                Text.bounded("code", code, 64);
                Text.required("name", name, 128);
                Text.required("customerId", customerId, 64);
            }
        }

        record CreateApplication(String id, String name, String tenantId) implements Request {
            public CreateApplication {
                Objects.requireNonNull(id, "id");
                Text.required("name", name, 128);
                Text.required("tenantId", tenantId, 64);
            }
        }
    }

    sealed interface Result {
        record CustomerSaved(Customer customer) implements Result {}

        record TenantSaved(Tenant tenant) implements Result {}

        /** {@code token} is shown this once; only its digest is kept. */
        record ApplicationCreated(Application application, Secret token) implements Result {}

        /** A referenced customer or tenant does not exist, or an application id is taken. */
        record Refused(String reason) implements Result {}
    }
}

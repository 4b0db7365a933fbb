package org.appmsg.application.port.in;

import java.util.List;
import java.util.Objects;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.Text;
import org.appmsg.domain.tenant.Application;
import org.appmsg.domain.tenant.ApplicationScope;
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

        record CreateApplication(String id, String name, String tenantId, ApplicationScope scope) implements Request {
            public CreateApplication {
                Objects.requireNonNull(id, "id");
                Text.required("name", name, 128);
                Text.required("tenantId", tenantId, 64);
                Objects.requireNonNull(scope, "scope");
            }
        }

        record ListCustomers() implements Request {}

        /** {@code customerId} empty lists every tenant. */
        record ListTenants(String customerId) implements Request {
            public ListTenants {
                Objects.requireNonNull(customerId, "customerId");
            }
        }

        /** {@code tenantId} empty lists every application. */
        record ListApplications(String tenantId) implements Request {
            public ListApplications {
                Objects.requireNonNull(tenantId, "tenantId");
            }
        }

        /** A disabled application's token is refused everywhere (within the token cache's few seconds). */
        record SetApplicationEnabled(String id, boolean enabled) implements Request {
            public SetApplicationEnabled {
                Text.required("id", id, 64);
            }
        }

        /** Issues a new token; the old one stops working. */
        record RotateApplicationToken(String id) implements Request {
            public RotateApplicationToken {
                Text.required("id", id, 64);
            }
        }
    }

    sealed interface Result {
        record CustomerSaved(Customer customer) implements Result {}

        record TenantSaved(Tenant tenant) implements Result {}

        /** {@code token} is shown this once; only its digest is kept. */
        record ApplicationCreated(Application application, Secret token) implements Result {}

        record Customers(List<Customer> customers) implements Result {}

        record Tenants(List<Tenant> tenants) implements Result {}

        record Applications(List<Application> applications) implements Result {}

        record ApplicationUpdated(Application application) implements Result {}

        /** {@code token} is shown this once; the previous token no longer works. */
        record TokenRotated(Application application, Secret token) implements Result {}

        /** The application, tenant or customer named by a list, update or rotation does not exist. */
        record NotFound(String reason) implements Result {}

        /** A referenced customer or tenant does not exist, or an application id is taken. */
        record Refused(String reason) implements Result {}
    }
}

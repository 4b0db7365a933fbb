package org.appmsg.application.port.in;

import java.util.List;
import java.util.Objects;
import org.appmsg.domain.apns.ApnsCredential;
import org.appmsg.domain.apns.ApnsEnvironment;
import org.appmsg.domain.apns.ApnsScope;

/**
 * The operator sets, reads and removes APNs credentials per customer or per tenant (a tenant's overrides its
 * customer's). Callers have already proven the admin key. A credential is checked (the key or .p12 must load) before
 * it is stored; results carry it whole, and the adapter must show only its non-secret parts.
 */
@FunctionalInterface
public interface ManageApnsCredentialsUseCase {

    Result manage(Request request);

    sealed interface Request {
        /** Sets the scope's credential, replacing any; the customer or tenant must exist. */
        record Put(ApnsScope scope, String topic, ApnsEnvironment environment, ApnsCredential.Auth auth)
                implements Request {
            public Put {
                Objects.requireNonNull(scope, "scope");
                Objects.requireNonNull(environment, "environment");
                Objects.requireNonNull(auth, "auth");
            }
        }

        record Read(ApnsScope scope) implements Request {}

        record Delete(ApnsScope scope) implements Request {}

        record ListAll() implements Request {}
    }

    sealed interface Result {
        record Credential(ApnsCredential credential) implements Result {}

        record Credentials(List<ApnsCredential> credentials) implements Result {
            public Credentials {
                credentials = List.copyOf(credentials);
            }
        }

        record Deleted() implements Result {}

        /** No such customer, tenant or credential; nothing changed. */
        record NotFound(String reason) implements Result {}

        /** The key or certificate does not load; nothing changed. */
        record Unusable(String reason) implements Result {}
    }
}

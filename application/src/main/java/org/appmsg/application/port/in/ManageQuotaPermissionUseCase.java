package org.appmsg.application.port.in;

import java.util.Objects;
import org.appmsg.domain.shared.AppId;

/**
 * The operator grants, revokes or reads an application's permission to set its customer's quotas through the
 * legacy {@code syncQuota} ({@link SyncQuotaUseCase}). No application has it until it is granted. Callers have
 * already proven the admin key.
 */
@FunctionalInterface
public interface ManageQuotaPermissionUseCase {

    Result manage(Request request);

    /** What to do with the permission of {@code application}. */
    sealed interface Request {

        AppId application();

        /** Grants ({@code syncQuota} true) or revokes it; idempotent; holds from the next call on, on every node. */
        record Change(AppId application, boolean syncQuota) implements Request {
            public Change {
                Objects.requireNonNull(application, "application");
            }
        }

        record Read(AppId application) implements Request {
            public Read {
                Objects.requireNonNull(application, "application");
            }
        }
    }

    sealed interface Result {
        /** The application's permission, after the change for a {@link Request.Change}. */
        record Permission(AppId application, boolean syncQuota) implements Result {
            public Permission {
                Objects.requireNonNull(application, "application");
            }
        }

        /** No such application; nothing changed. */
        record NotFound(String reason) implements Result {}
    }
}

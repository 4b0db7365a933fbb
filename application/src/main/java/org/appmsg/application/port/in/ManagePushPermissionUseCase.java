package org.appmsg.application.port.in;

import java.util.Objects;
import org.appmsg.domain.shared.UserId;

/**
 * The operator grants, revokes or reads a user's push permissions (admin API, issue #5). Today there is one,
 * {@code broadcast}: a device push to {@code {orgId}@org} or {@code {tenantId}@tenant}, which no user has until
 * it is granted. Callers have already proven the admin key with {@link AuthenticateAdminUseCase}.
 */
@FunctionalInterface
public interface ManagePushPermissionUseCase {

    Result manage(Request request);

    /** What to do with the permissions of {@code user}. Each variant is a command record. */
    sealed interface Request {

        UserId user();

        /** Grants ({@code broadcast} true) or revokes the permission; idempotent. Takes effect on the next push. */
        record Change(UserId user, boolean broadcast) implements Request {
            public Change {
                Objects.requireNonNull(user, "userId");
            }
        }

        record Read(UserId user) implements Request {
            public Read {
                Objects.requireNonNull(user, "userId");
            }
        }
    }

    sealed interface Result {
        /** The user's permissions, after the change for a {@link Request.Change}. */
        record Permissions(UserId user, boolean broadcast) implements Result {
            public Permissions {
                Objects.requireNonNull(user, "user");
            }
        }

        /** No such user; nothing changed. */
        record NotFound(String reason) implements Result {}
    }
}

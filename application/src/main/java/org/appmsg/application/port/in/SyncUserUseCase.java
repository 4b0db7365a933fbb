package org.appmsg.application.port.in;

import java.util.Objects;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.Text;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.user.UserProfile;

/** An application creates or updates a user of its own tenant (R12). */
@FunctionalInterface
public interface SyncUserUseCase {

    Result sync(Command command);

    /**
     * {@code tenantId} empty means "the application's tenant"; {@code password} empty on an update keeps
     * the stored one (a new user needs one); {@code orgId} empty links no org.
     */
    record Command(Secret appToken, UserId id, String tenantId, UserProfile profile, String password, String orgId) {
        public Command {
            Objects.requireNonNull(appToken, "appToken");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(profile, "profile");
            Text.bounded("password", password, 256);
            Objects.requireNonNull(orgId, "orgId");
        }

        /** Keeps the password out of logs and stack traces. */
        @Override
        public String toString() {
            return "Command[id=" + id + ", tenantId=" + tenantId + ", orgId=" + orgId + "]";
        }
    }

    sealed interface Result {
        record Created(UserId id) implements Result {}

        record Updated(UserId id) implements Result {}

        /** The application token is unknown or the application is disabled. */
        record Unauthorized() implements Result {}

        /** The request names a tenant outside the application's scope; nothing changed. */
        record OutOfScope(String reason) implements Result {}

        /**
         * The request is well-formed but cannot be applied: a login name or uid held by another user (of any tenant:
         * both are unique server-wide, and the answer says no more), or an org that is not one of the tenant's.
         */
        record Invalid(String reason) implements Result {}
    }
}

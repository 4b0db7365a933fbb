package org.appmsg.application.port.in;

import java.util.Objects;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.OrgId;
import org.appmsg.domain.shared.UserId;

/** An application links a user to an org or unlinks it (R14, {@code addOrgUser} / {@code removeOrgUser}). */
@FunctionalInterface
public interface ChangeOrgMembershipUseCase {

    Result change(Command command);

    /** {@code add} false removes; {@code sort} orders the user inside the org (ignored on removal). */
    record Command(Secret appToken, OrgId org, UserId user, boolean add, int sort) {
        public Command {
            Objects.requireNonNull(appToken, "appToken");
            Objects.requireNonNull(org, "org");
            Objects.requireNonNull(user, "user");
        }
    }

    sealed interface Result {
        /** {@code changed} is false when the link already was (or already was not) there. */
        record Done(boolean changed) implements Result {}

        record Unauthorized() implements Result {}

        /** The org and the user are of different tenants (both in the application's scope). */
        record OutOfScope(String reason) implements Result {}

        /** The org or the user does not exist, or is of a tenant outside the application's scope: one answer. */
        record NotFound(String reason) implements Result {}
    }
}

package org.appmsg.application.port.in;

import java.util.Objects;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.qun.QunId;
import org.appmsg.domain.qun.Role;
import org.appmsg.domain.shared.UserId;

/**
 * The owner sets a member's role ({@code setQunMemberRole}): admin (may rename the group and remove plain
 * members), plain member, or owner, which hands ownership over (the old owner becomes an admin). The role the
 * member already has changes nothing. No notice is sent (none is defined).
 */
@FunctionalInterface
public interface SetQunMemberRoleUseCase {

    QunResult setRole(Command command);

    record Command(Secret userToken, QunId qun, UserId member, Role role) {
        public Command {
            Objects.requireNonNull(userToken, "userToken");
            Objects.requireNonNull(qun, "qun");
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(role, "role");
        }
    }
}

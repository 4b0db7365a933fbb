package org.appmsg.application.port.in;

import java.util.List;
import java.util.Objects;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.qun.QunId;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.UserId;

/**
 * The owner or an admin removes members ({@code delQunMember}); a caller who lists himself leaves (a plain
 * member may do that). Users who are not members are skipped. Notices go to the actor, the removed users and
 * the remaining members.
 */
@FunctionalInterface
public interface RemoveQunMembersUseCase {

    QunResult remove(Command command);

    record Command(Secret userToken, QunId qun, List<UserId> members) {
        public Command {
            Objects.requireNonNull(userToken, "userToken");
            Objects.requireNonNull(qun, "qun");
            members = List.copyOf(members);
            if (members.isEmpty()) {
                throw new DomainViolation("qun.no_members", "memberList must name at least one user");
            }
        }
    }
}

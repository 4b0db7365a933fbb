package org.appmsg.application.port.in;

import java.util.List;
import java.util.Objects;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.qun.QunId;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.UserId;

/**
 * A member adds users of the group's tenant ({@code addQunMember}); users already in are skipped, and when all
 * are, nothing changes. Notices go to the actor, the added users and the other members.
 */
@FunctionalInterface
public interface AddQunMembersUseCase {

    QunResult add(Command command);

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

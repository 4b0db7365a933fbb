package org.appmsg.application.port.in;

import java.util.Objects;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.qun.QunId;

/** A member reads a group's info and members ({@code getQunMembers}); a non-member is refused. */
@FunctionalInterface
public interface GetQunMembersUseCase {

    QunResult get(Query query);

    record Query(Secret userToken, QunId qun) {
        public Query {
            Objects.requireNonNull(userToken, "userToken");
            Objects.requireNonNull(qun, "qun");
        }
    }
}

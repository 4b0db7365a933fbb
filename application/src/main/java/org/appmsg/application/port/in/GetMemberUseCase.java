package org.appmsg.application.port.in;

import java.util.Objects;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.user.User;

/** A signed-in user looks up another user of its tenant ({@code getMember}); never with a password. */
@FunctionalInterface
public interface GetMemberUseCase {

    Result get(Query query);

    record Query(Secret userToken, UserId member) {
        public Query {
            Objects.requireNonNull(userToken, "userToken");
            Objects.requireNonNull(member, "member");
        }
    }

    sealed interface Result {
        /** {@code contact}: the member is one of the caller's starred contacts. */
        record Found(User member, boolean contact) implements Result {}

        record Unauthorized() implements Result {}

        /** The member is unknown or of another tenant: one answer for both. */
        record NotFound(String reason) implements Result {}
    }
}

package org.appmsg.application.port.in;

import java.util.Objects;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.AppId;

/** Whether the signed-in user shields an application's messages (legacy {@code isUserShieldApp}, 3.9). */
@FunctionalInterface
public interface CheckShieldUseCase {

    Result check(Query query);

    /** @param sourceId the legacy {@code sourceId} or empty; must be the token's user */
    record Query(Secret token, String sourceId, AppId target) {
        public Query {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(sourceId, "sourceId");
            Objects.requireNonNull(target, "targetId");
        }
    }

    sealed interface Result {
        record Checked(boolean shielded) implements Result {}

        record Unauthorized() implements Result {}

        record NotYours(String reason) implements Result {}

        record NotFound(String reason) implements Result {}
    }
}

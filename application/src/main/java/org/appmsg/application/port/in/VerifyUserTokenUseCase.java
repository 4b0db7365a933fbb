package org.appmsg.application.port.in;

import java.util.Objects;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.user.User;

/**
 * An application checks that a user token is valid and belongs to {@code user} ({@code user/auth}), to trust
 * a user who messaged it. Only users in the application's scope can be verified.
 */
@FunctionalInterface
public interface VerifyUserTokenUseCase {

    Result verify(Query query);

    record Query(Secret appToken, Secret userToken, UserId user) {
        public Query {
            Objects.requireNonNull(appToken, "appToken");
            Objects.requireNonNull(userToken, "userToken");
            Objects.requireNonNull(user, "user");
        }
    }

    sealed interface Result {
        record Verified(User user) implements Result {}

        /** The application token is unknown or the application is disabled. */
        record Unauthorized() implements Result {}

        /**
         * The user token is unknown, expired, of another user, or of a user outside the application's scope;
         * one answer for all, so an application learns nothing about other tenants.
         */
        record Rejected() implements Result {}
    }
}

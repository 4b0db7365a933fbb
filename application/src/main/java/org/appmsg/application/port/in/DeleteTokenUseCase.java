package org.appmsg.application.port.in;

import java.util.Objects;
import org.appmsg.domain.auth.Secret;

/**
 * The signed-in user revokes one of its own tokens ({@code delToken}), for example its own on sign-out or
 * a lost device's. The revoked token stops working at once on this node.
 */
@FunctionalInterface
public interface DeleteTokenUseCase {

    Result delete(Command command);

    record Command(Secret userToken, Secret revoked) {
        public Command {
            Objects.requireNonNull(userToken, "userToken");
            Objects.requireNonNull(revoked, "revoked");
        }
    }

    sealed interface Result {
        /** {@code existed} false: the token was already unknown or expired; nothing to do. */
        record Deleted(boolean existed) implements Result {}

        record Unauthorized() implements Result {}

        /** The token belongs to another user; it stays valid. */
        record NotYours() implements Result {}
    }
}

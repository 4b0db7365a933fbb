package org.appmsg.application.port.in;

import java.util.Objects;
import org.appmsg.domain.apns.DeviceToken;
import org.appmsg.domain.auth.Secret;

/**
 * A signed-in iOS device registers or withdraws its APNs token (R17; {@code addApnsToken}, {@code delApnsToken},
 * {@code apnsToken} at login). The token is bound to the caller's user and to the device its user token was issued
 * for (login's {@code deviceID}), never to ids from the request body; registering it again, from any user, moves it.
 */
@FunctionalInterface
public interface ManageApnsTokenUseCase {

    Result manage(Command command);

    /** {@code bind} true registers {@code apnsToken} for the caller's device; false withdraws it from the caller. */
    record Command(Secret userToken, DeviceToken apnsToken, boolean bind) {
        public Command {
            Objects.requireNonNull(userToken, "userToken");
            Objects.requireNonNull(apnsToken, "apnsToken");
        }
    }

    sealed interface Result {
        /** Registered for {@code device} of the caller. */
        record Bound(String device) implements Result {}

        /** Withdrawn; {@code existed} false when the caller had no such token (nothing changed). */
        record Unbound(boolean existed) implements Result {}

        record Unauthorized() implements Result {}

        /** The user token was issued without a {@code deviceID}, so there is no device to bind the token to. */
        record NoDevice() implements Result {}
    }
}

package org.appmsg.application.port.in;

import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.Text;
import org.appmsg.domain.user.User;

/** A user signs in from a device with login name (or e-mail) and password (R16). */
@FunctionalInterface
public interface LoginUseCase {

    Result login(Command command);

    record Command(String userName, String password, String deviceType, String deviceId) {
        public Command {
            Text.required("userName", userName, 128);
            Text.bounded("password", password, 256);
            Text.bounded("deviceType", deviceType, 32);
            Text.bounded("deviceID", deviceId, 128);
        }

        /** Keeps the password out of logs and stack traces. */
        @Override
        public String toString() {
            return "Command[userName=" + userName + ", deviceType=" + deviceType + ", deviceId=" + deviceId + "]";
        }
    }

    sealed interface Result {
        /** Signed in: {@code token} is shown to the client once and stored only as a digest. */
        record LoggedIn(User user, Secret token) implements Result {}

        /** Unknown user or wrong password: deliberately the same answer for both. */
        record Rejected() implements Result {}
    }
}

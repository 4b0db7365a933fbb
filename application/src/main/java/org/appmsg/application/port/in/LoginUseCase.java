package org.appmsg.application.port.in;

import java.util.Objects;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.net.SourceAddress;
import org.appmsg.domain.shared.Text;
import org.appmsg.domain.user.User;

/**
 * A user signs in from a device with login name (or e-mail) and password (R16). Guessing is throttled per account,
 * per source address and per both ({@link org.appmsg.domain.auth.LoginThrottle}).
 */
@FunctionalInterface
public interface LoginUseCase {

    Result login(Command command);

    /** {@code source}: where the client connects from, as the driving adapter resolved it (proxies included). */
    /**
     * @param byUserId {@code userName} is the user's id, not a login name or e-mail (the legacy web chat page's
     *     login, which names the user by {@code uid})
     */
    record Command(String userName, String password, String deviceType, String deviceId, SourceAddress source,
            boolean byUserId) {

        /** A login by login name or e-mail. */
        public Command(String userName, String password, String deviceType, String deviceId, SourceAddress source) {
            this(userName, password, deviceType, deviceId, source, false);
        }

        public Command {
            Text.required("userName", userName, 128);
            Text.bounded("password", password, 256);
            Text.bounded("deviceType", deviceType, 32);
            Text.bounded("deviceID", deviceId, 128);
            Objects.requireNonNull(source, "source");
        }

        /** Keeps the password out of logs and stack traces. */
        @Override
        public String toString() {
            return "Command[userName=" + userName + ", deviceType=" + deviceType + ", deviceId=" + deviceId
                    + ", source=" + source + ", byUserId=" + byUserId + "]";
        }
    }

    sealed interface Result {
        /** Signed in: {@code token} is shown to the client once and stored only as a digest. */
        record LoggedIn(User user, Secret token) implements Result {}

        /** Unknown user or wrong password: deliberately the same answer for both. */
        record Rejected() implements Result {}

        /**
         * Too many failed logins: refused without checking the password; try again in {@code retryAfterSeconds}.
         * The same for an account that exists and one that does not.
         */
        record Throttled(long retryAfterSeconds) implements Result {}
    }
}

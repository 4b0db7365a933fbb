package org.appmsg.application.port.in;

import java.util.Optional;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.auth.UserToken;
import org.appmsg.domain.user.User;

/**
 * Resolves a user token to its user. On the hot path of every authenticated call, so answers come
 * from a short-lived cache; a token is valid only until it expires.
 */
@FunctionalInterface
public interface AuthenticateUserUseCase {

    /** The token's user, or empty when the token is unknown, expired or its user is gone. */
    Optional<Authenticated> authenticate(Secret token);

    record Authenticated(User user, UserToken token) {}
}

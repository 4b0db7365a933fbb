package org.appmsg.application.port.out;

import java.util.Optional;
import org.appmsg.domain.auth.UserToken;

/**
 * Issued user tokens, keyed by their digest (the secret itself is never stored). Failures surface as
 * {@link StorageUnavailableException}. Thread-safe.
 */
public interface TokenStore {

    void save(UserToken token);

    /** The token with this digest, expired or not (the caller decides). */
    Optional<UserToken> find(String digest);

    /** Removes the token; removing an unknown digest does nothing. */
    void delete(String digest);
}

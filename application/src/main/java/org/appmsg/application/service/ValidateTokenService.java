package org.appmsg.application.service;

import java.time.Clock;
import java.time.Instant;
import org.appmsg.application.port.in.ValidateTokenUseCase;
import org.appmsg.application.port.out.TokenStore;
import org.appmsg.application.port.out.UserRepository;

/**
 * Asks the token store directly rather than the authentication cache, so a token deleted on any node is
 * invalid here at once.
 */
public final class ValidateTokenService implements ValidateTokenUseCase {

    private final TokenStore tokens;
    private final UserRepository users;
    private final Clock clock;

    public ValidateTokenService(TokenStore tokens, UserRepository users, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.clock = clock;
    }

    @Override
    public Result validate(Query query) {
        Instant now = clock.instant();
        return tokens.find(query.token().digest())
                .filter(t -> t.validAt(now))
                .filter(t -> users.findById(t.user()).isPresent())
                .<Result>map(t -> new Result.Valid(t.user(), t.expiresAt()))
                .orElseGet(Result.Invalid::new);
    }
}

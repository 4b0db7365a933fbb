package org.appmsg.application.service;

import java.time.Clock;
import java.util.Optional;
import org.appmsg.application.port.in.AuthenticateUserUseCase;
import org.appmsg.application.port.in.DeleteTokenUseCase;
import org.appmsg.application.port.out.ConnectionRevocation;
import org.appmsg.application.port.out.TokenStore;
import org.appmsg.domain.auth.UserToken;
import org.appmsg.domain.shared.UserId;

/**
 * Revokes one of the caller's own tokens: removes it from the store and from this node's authentication
 * cache, so it stops working here at once (other nodes within their cache TTL), and closes the live
 * connections that subscribed with it. Another user's token is left alone.
 */
public final class DeleteTokenService implements DeleteTokenUseCase {

    private final AuthenticateUserService authenticate;
    private final TokenStore tokens;
    private final ConnectionRevocation connections;
    private final Clock clock;

    /** Takes the concrete {@link AuthenticateUserService}: besides authenticating, its cache must forget the token. */
    public DeleteTokenService(AuthenticateUserService authenticate, TokenStore tokens,
            ConnectionRevocation connections, Clock clock) {
        this.authenticate = authenticate;
        this.tokens = tokens;
        this.connections = connections;
        this.clock = clock;
    }

    @Override
    public Result delete(Command command) {
        Optional<AuthenticateUserUseCase.Authenticated> auth = authenticate.authenticate(command.userToken());
        if (auth.isEmpty()) {
            return new Result.Unauthorized();
        }
        UserId caller = auth.get().user().id();
        String digest = command.revoked().digest();
        Optional<UserToken> revoked = tokens.find(digest).filter(t -> t.validAt(clock.instant()));
        if (revoked.isEmpty()) {
            return new Result.Deleted(false);
        }
        if (!revoked.get().user().equals(caller)) {
            return new Result.NotYours();
        }
        tokens.delete(digest);
        authenticate.forget(command.revoked());
        connections.tokenRevoked(revoked.get()); // after the forget: a connection admitted from now on is refused
        return new Result.Deleted(true);
    }
}

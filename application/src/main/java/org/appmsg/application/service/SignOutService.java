package org.appmsg.application.service;

import java.util.Optional;
import org.appmsg.application.port.in.DeleteTokenUseCase;
import org.appmsg.application.port.out.ApnsTokenStore;
import org.appmsg.application.port.out.TokenStore;
import org.appmsg.domain.auth.UserToken;

/**
 * {@code delToken} as sign-out: revokes the token through {@code revoke} and then unbinds the APNs token of the
 * device the revoked token was issued for, so a signed-out iPhone gets no more notifications for that user. A
 * token that was not revoked (unknown, expired, another user's) unbinds nothing.
 */
public final class SignOutService implements DeleteTokenUseCase {

    private final DeleteTokenUseCase revoke;
    private final TokenStore tokens;
    private final ApnsTokenStore apnsTokens;

    public SignOutService(DeleteTokenUseCase revoke, TokenStore tokens, ApnsTokenStore apnsTokens) {
        this.revoke = revoke;
        this.tokens = tokens;
        this.apnsTokens = apnsTokens;
    }

    @Override
    public Result delete(Command command) {
        Optional<UserToken> revoked = tokens.find(command.revoked().digest()); // read before it is gone
        Result result = revoke.delete(command);
        if (result instanceof Result.Deleted d && d.existed() && revoked.isPresent()
                && !revoked.get().deviceId().isEmpty()) {
            apnsTokens.unbindDevice(revoked.get().user(), revoked.get().deviceId());
        }
        return result;
    }
}

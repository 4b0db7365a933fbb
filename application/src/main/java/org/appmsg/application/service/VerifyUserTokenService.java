package org.appmsg.application.service;

import java.util.Optional;
import org.appmsg.application.port.in.AuthenticateApplicationUseCase;
import org.appmsg.application.port.in.AuthenticateUserUseCase;
import org.appmsg.application.port.in.VerifyUserTokenUseCase;

/**
 * An application checks a user's token. Every refusal about the user token is the same {@code Rejected}, so
 * an application cannot probe users or tokens outside its scope.
 */
public final class VerifyUserTokenService implements VerifyUserTokenUseCase {

    private final AuthenticateApplicationService access;
    private final AuthenticateUserUseCase authenticate;

    public VerifyUserTokenService(AuthenticateApplicationService access, AuthenticateUserUseCase authenticate) {
        this.access = access;
        this.authenticate = authenticate;
    }

    @Override
    public Result verify(Query query) {
        Optional<AuthenticateApplicationUseCase.Granted> granted = access.authenticate(query.appToken());
        if (granted.isEmpty()) {
            return new Result.Unauthorized();
        }
        return authenticate.authenticate(query.userToken())
                .map(AuthenticateUserUseCase.Authenticated::user)
                .filter(u -> u.id().equals(query.user()))
                .filter(u -> access.covers(granted.get(), u.tenant()))
                .<Result>map(Result.Verified::new)
                .orElseGet(Result.Rejected::new);
    }
}

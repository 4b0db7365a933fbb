package org.appmsg.application.service;

import org.appmsg.application.port.in.AuthenticateUserUseCase;
import org.appmsg.application.port.in.OpenSessionUseCase;

/** Admits a comet subscription only for a valid token of the key's own user. */
public final class OpenSessionService implements OpenSessionUseCase {

    private final AuthenticateUserUseCase authenticate;

    public OpenSessionService(AuthenticateUserUseCase authenticate) {
        this.authenticate = authenticate;
    }

    @Override
    public Result open(Command command) {
        return authenticate.authenticate(command.token())
                .filter(a -> command.key().belongsTo(a.user().id()))
                .<Result>map(a -> new Result.Opened(a.user(), command.key()))
                .orElseGet(Result.Rejected::new);
    }
}

package org.appmsg.application.service;

import java.time.Clock;
import java.util.Optional;
import org.appmsg.application.port.in.AuthenticateUserUseCase;
import org.appmsg.application.port.in.ManageApnsTokenUseCase;
import org.appmsg.application.port.out.ApnsTokenStore;
import org.appmsg.domain.user.User;

/**
 * Registers and withdraws APNs tokens (R17) for the device the caller's user token was issued for. Registering
 * moves the token from any other user or device (a handset changed hands, the app was reinstalled) and replaces
 * the device's previous token; withdrawing touches only the caller's own token.
 */
public final class ApnsTokenService implements ManageApnsTokenUseCase {

    private final AuthenticateUserUseCase authenticate;
    private final ApnsTokenStore tokens;
    private final Clock clock;

    public ApnsTokenService(AuthenticateUserUseCase authenticate, ApnsTokenStore tokens, Clock clock) {
        this.authenticate = authenticate;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public Result manage(Command command) {
        Optional<AuthenticateUserUseCase.Authenticated> auth = authenticate.authenticate(command.userToken());
        if (auth.isEmpty()) {
            return new Result.Unauthorized();
        }
        User user = auth.get().user();
        if (!command.bind()) {
            return new Result.Unbound(tokens.unbind(user.id(), command.apnsToken()));
        }
        String device = auth.get().token().deviceId();
        if (device.isEmpty()) {
            return new Result.NoDevice();
        }
        tokens.bind(new ApnsTokenStore.Registration(user.id(), device, command.apnsToken(), clock.instant()));
        return new Result.Bound(device);
    }
}

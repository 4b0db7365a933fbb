package org.appmsg.application.service;

import java.util.Optional;
import org.appmsg.application.port.in.AuthenticateUserUseCase;
import org.appmsg.application.port.in.ChangeShieldUseCase;
import org.appmsg.application.port.in.CheckShieldUseCase;
import org.appmsg.application.port.out.DirectoryRepository;
import org.appmsg.application.port.out.ShieldRepository;
import org.appmsg.domain.shared.AppId;
import org.appmsg.domain.user.User;

/**
 * A user's shields against applications (legacy 3.9). The owner is the token's user: the legacy
 * {@code sourceId} may repeat it but never name someone else (20.1.6). The application must be one of the
 * user's tenant. Enforced by {@link PushApplicationMessageService}.
 */
public final class ShieldService implements ChangeShieldUseCase, CheckShieldUseCase {

    private final AuthenticateUserUseCase authenticate;
    private final DirectoryRepository directory;
    private final ShieldRepository shields;

    public ShieldService(AuthenticateUserUseCase authenticate, DirectoryRepository directory, ShieldRepository shields) {
        this.authenticate = authenticate;
        this.directory = directory;
        this.shields = shields;
    }

    @Override
    public ChangeShieldUseCase.Result change(ChangeShieldUseCase.Command command) {
        Optional<User> user = authenticate.authenticate(command.token()).map(AuthenticateUserUseCase.Authenticated::user);
        if (user.isEmpty()) {
            return new ChangeShieldUseCase.Result.Unauthorized();
        }
        if (!isCaller(command.sourceId(), user.get())) {
            return new ChangeShieldUseCase.Result.NotYours(notYours(command.sourceId()));
        }
        if (command.type() != ChangeShieldUseCase.APPLICATION_MESSAGES) {
            return new ChangeShieldUseCase.Result.Unsupported("type " + command.type()
                    + " is not supported: only type 1 (messages of an application) can be shielded");
        }
        if (!inTenant(command.target(), user.get())) {
            return new ChangeShieldUseCase.Result.NotFound(unknownApp(command.target()));
        }
        boolean changed = command.shield()
                ? shields.shield(user.get().id(), command.target(), command.memo())
                : shields.unshield(user.get().id(), command.target());
        return new ChangeShieldUseCase.Result.Done(changed);
    }

    @Override
    public CheckShieldUseCase.Result check(CheckShieldUseCase.Query query) {
        Optional<User> user = authenticate.authenticate(query.token()).map(AuthenticateUserUseCase.Authenticated::user);
        if (user.isEmpty()) {
            return new CheckShieldUseCase.Result.Unauthorized();
        }
        if (!isCaller(query.sourceId(), user.get())) {
            return new CheckShieldUseCase.Result.NotYours(notYours(query.sourceId()));
        }
        if (!inTenant(query.target(), user.get())) {
            return new CheckShieldUseCase.Result.NotFound(unknownApp(query.target()));
        }
        return new CheckShieldUseCase.Result.Checked(shields.isShielded(user.get().id(), query.target()));
    }

    private static boolean isCaller(String sourceId, User user) {
        return sourceId.isEmpty() || sourceId.equals(user.id().value());
    }

    private boolean inTenant(AppId app, User user) {
        return directory.findApplication(app).filter(a -> a.tenant().equals(user.tenant())).isPresent();
    }

    private static String notYours(String sourceId) {
        return "sourceId " + sourceId + " is not the signed-in user";
    }

    private static String unknownApp(AppId app) {
        return "application " + app + " is not an application of your tenant";
    }
}

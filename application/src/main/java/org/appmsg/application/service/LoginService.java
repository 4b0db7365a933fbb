package org.appmsg.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.appmsg.application.port.in.LoginUseCase;
import org.appmsg.application.port.out.IdGenerator;
import org.appmsg.application.port.out.PasswordHasher;
import org.appmsg.application.port.out.TokenStore;
import org.appmsg.application.port.out.UserRepository;
import org.appmsg.domain.auth.PasswordHash;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.auth.UserToken;
import org.appmsg.domain.user.Device;
import org.appmsg.domain.user.User;

/**
 * Verifies the password (the legacy server did not), upgrades a verbatim legacy password to a hash on
 * the first successful login, records the device and issues a token that expires after {@code tokenTtl}.
 */
public final class LoginService implements LoginUseCase {

    private final UserRepository users;
    private final TokenStore tokens;
    private final PasswordHasher hasher;
    private final IdGenerator ids;
    private final Clock clock;
    private final Duration tokenTtl;
    /** Compared against when the user is unknown, so both refusals take about as long. */
    private final PasswordHash decoy;

    public LoginService(UserRepository users, TokenStore tokens, PasswordHasher hasher, IdGenerator ids,
            Clock clock, Duration tokenTtl) {
        this.users = users;
        this.tokens = tokens;
        this.hasher = hasher;
        this.ids = ids;
        this.clock = clock;
        this.tokenTtl = tokenTtl;
        this.decoy = hasher.hash("decoy password");
    }

    @Override
    public Result login(Command command) {
        Optional<User> found = users.findByLogin(command.userName());
        if (found.isEmpty()) {
            hasher.matches(command.password(), decoy);
            return new Result.Rejected();
        }
        User user = found.get();
        if (!user.password().isSet()) {
            hasher.matches(command.password(), decoy); // same time as a wrong password
            return new Result.Rejected();
        }
        if (command.password().isEmpty() || !hasher.matches(command.password(), user.password())) {
            return new Result.Rejected();
        }
        if (hasher.needsRehash(user.password())) {
            users.updatePassword(user.id(), hasher.hash(command.password()));
        }
        Instant now = clock.instant();
        Secret token = ids.newSecret();
        tokens.save(new UserToken(token.digest(), user.id(), command.deviceType(), command.deviceId(), now.plus(tokenTtl)));
        users.recordDevice(new Device(user.id(), command.deviceType(), command.deviceId(), now));
        return new Result.LoggedIn(user, token);
    }
}

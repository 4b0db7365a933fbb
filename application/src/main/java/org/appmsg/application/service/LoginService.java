package org.appmsg.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.appmsg.application.port.in.LoginUseCase;
import org.appmsg.application.port.out.IdGenerator;
import org.appmsg.application.port.out.LoginAttempts;
import org.appmsg.application.port.out.PasswordHasher;
import org.appmsg.application.port.out.TokenStore;
import org.appmsg.application.port.out.UserRepository;
import org.appmsg.domain.auth.LoginThrottle;
import org.appmsg.domain.auth.PasswordHash;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.auth.UserToken;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.user.Device;
import org.appmsg.domain.user.User;

/**
 * Verifies the password (the legacy server did not), upgrades a verbatim legacy password to a hash on
 * the first successful login, records the device and issues a token that expires after {@code tokenTtl}.
 * Before any password is checked, the throttle may refuse the attempt ({@link LoginGuard}); every failure
 * counts towards it, a success clears its account-from-address count.
 */
public final class LoginService implements LoginUseCase {

    /** The rule and the store of the login throttle. */
    public record Throttling(LoginThrottle rule, LoginAttempts attempts) {
        public Throttling {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(attempts, "attempts");
        }
    }

    private final UserRepository users;
    private final TokenStore tokens;
    private final PasswordHasher hasher;
    private final IdGenerator ids;
    private final Clock clock;
    private final Duration tokenTtl;
    /** Compared against when the user is unknown, so both refusals take about as long. */
    private final PasswordHash decoy;
    private final LoginGuard guard;

    public LoginService(UserRepository users, TokenStore tokens, PasswordHasher hasher, IdGenerator ids,
            Clock clock, Duration tokenTtl, Throttling throttling) {
        this.users = users;
        this.tokens = tokens;
        this.hasher = hasher;
        this.ids = ids;
        this.clock = clock;
        this.tokenTtl = tokenTtl;
        this.decoy = hasher.hash("decoy password");
        this.guard = new LoginGuard(throttling.rule(), throttling.attempts());
    }

    @Override
    public Result login(Command command) {
        Optional<User> found = command.byUserId() ? byId(command.userName()) : users.findByLogin(command.userName());
        LoginGuard.Attempt attempt = LoginGuard.Attempt.of(found.map(u -> u.id().value()).orElse(""),
                command.userName(), command.source());
        Instant now = clock.instant();
        if (guard.check(attempt, now) instanceof LoginThrottle.Verdict.Locked locked) {
            return new Result.Throttled(locked.retryAfterSeconds(now));
        }
        boolean verified = found.filter(u -> u.password().isSet())
                .map(u -> !command.password().isEmpty() && hasher.matches(command.password(), u.password()))
                .orElseGet(() -> spendAsLong(command.password()));
        if (!verified) {
            guard.failed(attempt, now);
            return new Result.Rejected();
        }
        User user = found.get();
        guard.signedIn(attempt, now);
        if (hasher.needsRehash(user.password())) {
            users.updatePassword(user.id(), hasher.hash(command.password()));
        }
        Secret token = ids.newSecret();
        tokens.save(new UserToken(token.digest(), user.id(), command.deviceType(), command.deviceId(), now.plus(tokenTtl)));
        users.recordDevice(new Device(user.id(), command.deviceType(), command.deviceId(), now));
        return new Result.LoggedIn(user, token);
    }

    /** The user with id {@code id}; empty for an unknown one or a text that is no id. */
    private Optional<User> byId(String id) {
        try {
            return users.findById(new UserId(id));
        } catch (DomainViolation e) {
            return Optional.empty();
        }
    }

    /** Checks {@code password} against the decoy so that an unknown user costs what a wrong password does; false. */
    private boolean spendAsLong(String password) {
        hasher.matches(password, decoy);
        return false;
    }

    /** Logins refused by the throttle since the start (a metric). */
    public long throttledTotal() {
        return guard.refusedTotal();
    }
}

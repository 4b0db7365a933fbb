package org.appmsg.application.service;

import java.util.Comparator;
import java.util.List;
import org.appmsg.application.port.in.AuthenticateUserUseCase;
import org.appmsg.application.port.in.CheckUpdateUseCase;
import org.appmsg.domain.release.ClientRelease;

/** Answers from the releases the operator configured (read once at start): the highest version of the platform. */
public final class CheckUpdateService implements CheckUpdateUseCase {

    private final AuthenticateUserUseCase authenticate;
    private final List<ClientRelease> releases;

    public CheckUpdateService(AuthenticateUserUseCase authenticate, List<ClientRelease> releases) {
        this.authenticate = authenticate;
        this.releases = List.copyOf(releases);
    }

    @Override
    public Result check(Query query) {
        if (authenticate.authenticate(query.token()).isEmpty()) {
            return new Result.Unauthorized();
        }
        return releases.stream().filter(r -> r.isFor(query.type()))
                .max(Comparator.comparingInt(ClientRelease::versionCode))
                .<Result>map(Result.Latest::new)
                .orElseGet(() -> new Result.NoRelease(query.type()));
    }
}

package org.appmsg.application.service;

import java.time.Clock;
import org.appmsg.application.port.in.ManagePushPermissionUseCase;
import org.appmsg.application.port.out.PushPermissions;
import org.appmsg.application.port.out.UserRepository;

/**
 * The operator's grants of push permissions (issue #5): only a user that exists can be granted one, so that a
 * typo in an id is answered rather than stored. Enforced by {@link SendMessageService} on every push to
 * {@code @org} or {@code @tenant}, with no cache: a revoke holds from the next push on, on every node.
 */
public final class PushPermissionService implements ManagePushPermissionUseCase {

    private final UserRepository users;
    private final PushPermissions permissions;
    private final Clock clock;

    public PushPermissionService(UserRepository users, PushPermissions permissions, Clock clock) {
        this.users = users;
        this.permissions = permissions;
        this.clock = clock;
    }

    @Override
    public Result manage(Request request) {
        if (users.findById(request.user()).isEmpty()) {
            return new Result.NotFound("user " + request.user().value() + " does not exist");
        }
        if (request instanceof Request.Change change) {
            permissions.setBroadcast(change.user(), change.broadcast(), clock.instant());
        }
        return new Result.Permissions(request.user(), permissions.mayBroadcast(request.user()));
    }
}

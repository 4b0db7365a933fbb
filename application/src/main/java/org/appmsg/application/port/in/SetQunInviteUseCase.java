package org.appmsg.application.port.in;

import java.util.Objects;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.qun.QunId;

/**
 * The owner decides who may add members ({@code setQunInvite}): with {@code ownerOnlyInvite} only he, else any
 * member. The current setting again changes nothing. No notice is sent (none is defined).
 */
@FunctionalInterface
public interface SetQunInviteUseCase {

    QunResult setInvite(Command command);

    record Command(Secret userToken, QunId qun, boolean ownerOnlyInvite) {
        public Command {
            Objects.requireNonNull(userToken, "userToken");
            Objects.requireNonNull(qun, "qun");
        }
    }
}

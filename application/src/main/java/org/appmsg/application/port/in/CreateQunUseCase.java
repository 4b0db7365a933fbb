package org.appmsg.application.port.in;

import java.util.List;
import java.util.Objects;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.qun.Qun;
import org.appmsg.domain.shared.Text;
import org.appmsg.domain.shared.UserId;

/**
 * The signed-in user creates a group ({@code create-qun}) and becomes its owner; {@code members} (of the
 * caller's tenant; the caller himself and duplicates are skipped) join it. Everyone gets a notice. With
 * {@code ownerOnlyInvite} only the owner may add members from the start.
 */
@FunctionalInterface
public interface CreateQunUseCase {

    QunResult create(Command command);

    record Command(Secret userToken, String topic, List<UserId> members, boolean ownerOnlyInvite) {
        public Command {
            Objects.requireNonNull(userToken, "userToken");
            Text.required("topic", topic, Qun.MAX_TOPIC);
            members = List.copyOf(members);
        }

        /** Any member may add members. */
        public Command(Secret userToken, String topic, List<UserId> members) {
            this(userToken, topic, members, false);
        }
    }
}

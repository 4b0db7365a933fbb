package org.appmsg.application.port.in;

import java.util.List;
import java.util.Objects;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.qun.Qun;
import org.appmsg.domain.shared.Text;
import org.appmsg.domain.shared.UserId;

/**
 * The signed-in user creates a group ({@code create-qun}) and becomes its owner; {@code members} (of the
 * caller's tenant; the caller himself and duplicates are skipped) join it. Everyone gets a notice.
 */
@FunctionalInterface
public interface CreateQunUseCase {

    QunResult create(Command command);

    record Command(Secret userToken, String topic, List<UserId> members) {
        public Command {
            Objects.requireNonNull(userToken, "userToken");
            Text.required("topic", topic, Qun.MAX_TOPIC);
            members = List.copyOf(members);
        }
    }
}

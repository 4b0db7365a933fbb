package org.appmsg.application.port.in;

import java.util.Objects;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.qun.Qun;
import org.appmsg.domain.qun.QunId;
import org.appmsg.domain.shared.Text;

/** The owner or an admin renames a group ({@code updateQunTopic}); every member gets a notice. */
@FunctionalInterface
public interface RenameQunUseCase {

    QunResult rename(Command command);

    record Command(Secret userToken, QunId qun, String topic) {
        public Command {
            Objects.requireNonNull(userToken, "userToken");
            Objects.requireNonNull(qun, "qun");
            Text.required("topic", topic, Qun.MAX_TOPIC);
        }
    }
}

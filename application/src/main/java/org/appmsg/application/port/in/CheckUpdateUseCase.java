package org.appmsg.application.port.in;

import java.util.Objects;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.release.ClientRelease;
import org.appmsg.domain.shared.Text;

/**
 * A signed-in client asks for the latest release of its platform (legacy {@code /app/client/device/checkUpdate},
 * §3.5): the release the operator configured for {@code type}, the newest if several.
 */
@FunctionalInterface
public interface CheckUpdateUseCase {

    Result check(Query query);

    record Query(Secret token, String type) {
        public Query {
            Objects.requireNonNull(token, "token");
            Text.required("type", type, 32);
        }
    }

    sealed interface Result {
        record Latest(ClientRelease release) implements Result {}

        /** The operator offers no release of this platform. */
        record NoRelease(String type) implements Result {}

        record Unauthorized() implements Result {}
    }
}

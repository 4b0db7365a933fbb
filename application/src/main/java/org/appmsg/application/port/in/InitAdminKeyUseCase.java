package org.appmsg.application.port.in;

import java.util.Objects;
import org.appmsg.domain.auth.Secret;

/**
 * At start-up: make sure an admin key exists. A configured key replaces the stored one; without one,
 * the first start generates a key and shows it once.
 */
@FunctionalInterface
public interface InitAdminKeyUseCase {

    Result init(Command command);

    /** {@code configuredKey} empty means "none configured". */
    record Command(String configuredKey) {
        public Command {
            Objects.requireNonNull(configuredKey, "configuredKey");
        }

        @Override
        public String toString() {
            return "Command[configuredKey=" + (configuredKey.isEmpty() ? "none" : "set") + "]";
        }
    }

    sealed interface Result {
        record Configured() implements Result {}

        record AlreadyPresent() implements Result {}

        /** The first start generated this key: show it to the operator once. */
        record Generated(Secret key) implements Result {}
    }
}

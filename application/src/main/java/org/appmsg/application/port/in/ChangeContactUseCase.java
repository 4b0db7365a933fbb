package org.appmsg.application.port.in;

import java.util.Objects;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.UserId;

/**
 * The signed-in user stars or unstars a user of its tenant as a contact ({@code addOrRemoveContact}). The
 * owner of the list is always the token's user.
 */
@FunctionalInterface
public interface ChangeContactUseCase {

    Result change(Command command);

    record Command(Secret userToken, UserId contact, boolean star) {
        public Command {
            Objects.requireNonNull(userToken, "userToken");
            Objects.requireNonNull(contact, "contact");
        }
    }

    sealed interface Result {
        /** {@code changed} is false when the contact already was (or was not) starred. */
        record Done(boolean changed) implements Result {}

        record Unauthorized() implements Result {}

        /** The contact is the caller itself. */
        record OutOfScope(String reason) implements Result {}

        /** The contact is unknown or of another tenant: one answer for both. */
        record NotFound(String reason) implements Result {}
    }
}

package org.appmsg.application.port.in;

import java.util.Objects;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.AppId;
import org.appmsg.domain.shared.Text;

/**
 * A signed-in user shields (blocks) an application's messages or lifts the shield (legacy
 * {@code setShieldMsg} / {@code cancelShieldMsg}, 3.9). The owner of the shield is always the token's user.
 */
@FunctionalInterface
public interface ChangeShieldUseCase {

    /** Legacy {@code type} 1: messages of an application. The only type this server knows. */
    int APPLICATION_MESSAGES = 1;

    Result change(Command command);

    /**
     * @param sourceId the legacy {@code sourceId} (the shielding user) or empty; must be the token's user
     * @param type the legacy shield type; only {@link #APPLICATION_MESSAGES} is supported
     * @param memo free text kept with a new shield, or empty
     * @param shield true to shield, false to lift the shield
     */
    record Command(Secret token, String sourceId, AppId target, int type, String memo, boolean shield) {
        public static final int MAX_MEMO = 255;

        public Command {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(sourceId, "sourceId");
            Objects.requireNonNull(target, "targetId");
            Text.bounded("memo", memo, MAX_MEMO);
        }
    }

    sealed interface Result {
        /** Done; {@code changed} is false when the shield already was (or was not) there. */
        record Done(boolean changed) implements Result {}

        /** The user token is unknown or expired. */
        record Unauthorized() implements Result {}

        /** {@code sourceId} names someone else; nothing changed. */
        record NotYours(String reason) implements Result {}

        /** No such application in the user's tenant; nothing changed. */
        record NotFound(String reason) implements Result {}

        /** A shield type this server does not support; nothing changed. */
        record Unsupported(String reason) implements Result {}
    }
}

package org.appmsg.application.port.in;

import java.util.Objects;
import java.util.Optional;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.message.DeliveryStatus;
import org.appmsg.domain.message.MessageId;

/**
 * A message's delivery status per recipient: stored, handed live to N sessions, APNs accepted or rejected with
 * Apple's reason. The operator may read any message's; an application only the messages it sent.
 */
@FunctionalInterface
public interface GetDeliveryStatusUseCase {

    Result status(Query query);

    /** {@code applicationToken} empty for the operator (who proved the admin key already). */
    record Query(Optional<Secret> applicationToken, MessageId message) {
        public Query {
            Objects.requireNonNull(applicationToken, "applicationToken");
            Objects.requireNonNull(message, "message");
        }
    }

    sealed interface Result {
        record Status(DeliveryStatus status) implements Result {}

        /** Unknown, no longer in the log, or (to an application) not its own: the same answer. */
        record NotFound() implements Result {}

        record Unauthorized() implements Result {}
    }
}

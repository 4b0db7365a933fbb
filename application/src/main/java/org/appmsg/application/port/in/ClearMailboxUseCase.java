package org.appmsg.application.port.in;

import java.util.Objects;
import org.appmsg.domain.name.Kind;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.shared.DomainViolation;

/**
 * The operator empties a user's or an application's mailbox (the legacy {@code /1/admin/msg/del}, legacy §3.2):
 * every entry stored so far goes, and the mailbox's mids go on from where they were, never given out twice, so
 * clients keep their cursors. The caller has authenticated the operator.
 */
@FunctionalInterface
public interface ClearMailboxUseCase {

    Result clear(Command command);

    /** @param mailbox {@code {uid}@user} or {@code {appId}@app} */
    record Command(Name mailbox) {
        public Command {
            Objects.requireNonNull(mailbox, "mailbox");
            if (mailbox.kind() != Kind.USER && mailbox.kind() != Kind.APP) {
                throw new DomainViolation("mailbox.kind", "key must be {uid}@user or {appId}@app: " + mailbox);
            }
        }
    }

    sealed interface Result {
        /** {@code entries} were removed (0 for a mailbox that held none). */
        record Cleared(int entries) implements Result {}
    }
}

package org.appmsg.application.port.in;

import java.util.List;
import java.util.Objects;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.name.Name;

/**
 * Reads a mailbox after a mid for a session that {@link OpenSessionUseCase} already admitted
 * (resume on reconnect). Blocks: never call it on a socket selector thread.
 */
@FunctionalInterface
public interface ReplayMailboxUseCase {

    /** Up to {@code limit} unexpired entries after {@code afterMid}, in mid order. */
    List<MailboxEntry> replay(Query query);

    record Query(Name mailbox, long afterMid, int limit) {
        public Query {
            Objects.requireNonNull(mailbox, "mailbox");
            if (afterMid < 0 || limit < 1) {
                throw new IllegalArgumentException("afterMid >= 0 and limit >= 1 required");
            }
        }
    }
}

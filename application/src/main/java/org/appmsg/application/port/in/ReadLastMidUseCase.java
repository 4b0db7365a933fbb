package org.appmsg.application.port.in;

import java.util.Objects;
import org.appmsg.domain.name.Name;

/**
 * The last mid of a mailbox, for a session that {@link OpenSessionUseCase} already admitted and that gave no resume
 * mid: its live stream starts after it. Blocks: never call it on a socket selector thread.
 */
@FunctionalInterface
public interface ReadLastMidUseCase {

    /** The highest mid given out in the mailbox so far (0 for an empty one); later entries have higher mids. */
    long lastMid(Query query);

    record Query(Name mailbox) {
        public Query {
            Objects.requireNonNull(mailbox, "mailbox");
        }
    }
}

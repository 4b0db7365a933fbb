package org.appmsg.domain.qun;

import java.util.List;
import java.util.Objects;

/**
 * What a group operation decided: {@link Changed} (store {@link Changed#changes()}, then send
 * {@link Changed#notices()}), {@link Unchanged} (nothing to store or send, e.g. re-adding members who are
 * already in) or {@link Refused} (a business rule said no; nothing changed). Malformed input (blank topic,
 * empty member list) is not an outcome: it throws {@link org.appmsg.domain.shared.DomainViolation}.
 */
public sealed interface Outcome {

    /** The group after the change, the rows to write and the notices to send, in a stable order. */
    record Changed(Qun qun, Changes changes, List<Notice> notices) implements Outcome {
        public Changed {
            Objects.requireNonNull(qun, "qun");
            Objects.requireNonNull(changes, "changes");
            notices = List.copyOf(notices);
        }
    }

    /** Nothing to do; {@code qun} is the group as it was. */
    record Unchanged(Qun qun) implements Outcome {
        public Unchanged {
            Objects.requireNonNull(qun, "qun");
        }
    }

    /** Refused for {@code reason}; {@code message} explains it in words a client developer can act on. */
    record Refused(Refusal reason, String message) implements Outcome {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }
}

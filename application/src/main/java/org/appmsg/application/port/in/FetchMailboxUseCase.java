package org.appmsg.application.port.in;

import java.util.List;
import java.util.Objects;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.session.SubscriptionKey;
import org.appmsg.domain.shared.DomainViolation;

/** A client reads its mailbox after the last mid it saw (legacy {@code /1/msg/get}), one page at a time. */
@FunctionalInterface
public interface FetchMailboxUseCase {

    Result fetch(Query query);

    record Query(Secret token, SubscriptionKey key, long afterMid, int limit) {
        public static final int DEFAULT_LIMIT = 100;
        public static final int MAX_LIMIT = 1000;

        public Query {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(key, "key");
            if (afterMid < 0) {
                throw new DomainViolation("mailbox.mid_negative", "m must not be negative");
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new DomainViolation("mailbox.limit_out_of_range", "limit must be between 1 and " + MAX_LIMIT);
            }
        }
    }

    sealed interface Result {
        /** Entries in mid order; {@code more} says another page follows the last one. */
        record Page(List<MailboxEntry> entries, boolean more) implements Result {
            public Page {
                entries = List.copyOf(entries);
            }
        }

        /** The token is unknown or expired, or it does not belong to the key's user. */
        record Unauthorized() implements Result {}
    }
}

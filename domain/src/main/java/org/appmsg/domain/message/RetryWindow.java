package org.appmsg.domain.message;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.appmsg.domain.name.Name;

/**
 * When a push is a retry of an earlier one: the same sender naming the same id of its own for it (a device's
 * {@code clientMsgId}, an application's {@code statusId}) for the same request (recipients, type, content) within
 * {@link #KEPT} of the first. A retry is answered with the first push's answer and stores nothing: a client whose
 * request died with a node, or whose connection dropped before the answer, can send again without making a second
 * copy. A push without such an id is never a retry. The request is part of the key because the legacy protocol
 * never promised that these ids are unique: an application that sends the same {@code statusId} with every push
 * (it is required there, and some fill it with a constant) must not lose its second, different message.
 */
public final class RetryWindow {

    /** How long a push's id is remembered after it was stored. */
    public static final Duration KEPT = Duration.ofMinutes(10);

    private RetryWindow() {}

    /**
     * The key that identifies retries of {@code sender}'s push with {@code ownId}, where {@code request} is the
     * push's recipients, type and content in any fixed text form; empty when there is no id. Ids and requests are
     * compared exactly, case included.
     */
    public static Optional<String> key(Name sender, String ownId, String request) {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(request, "request");
        if (ownId == null || ownId.isBlank()) {
            return Optional.empty();
        }
        // lengths first: no id and request can be cut differently into the same text
        return Optional.of(sender + "\n" + ownId.length() + ":" + ownId + "\n" + request);
    }

    /** Until when a push stored at {@code at} is remembered. */
    public static Instant keptUntil(Instant at) {
        return at.plus(KEPT);
    }
}

package org.appmsg.domain.message;

import java.time.Instant;
import java.util.Objects;
import org.appmsg.domain.name.Name;

/**
 * A message as stored once, whatever the number of recipients. {@code json} is the message object
 * that clients receive inside the frame envelope ({@code {"msg":<json>,"mid":…,"gid":0}}).
 */
public record Message(MessageId id, Name from, Name to, String json, Instant created, Instant expiresAt) {

    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(created)) {
            throw new IllegalArgumentException("a stored message must expire after it was created");
        }
    }

    public boolean expiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }
}

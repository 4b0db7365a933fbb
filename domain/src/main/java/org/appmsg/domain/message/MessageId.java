package org.appmsg.domain.message;

/** A stored message's identity: unique across the cluster, assigned before the message is stored. */
public record MessageId(long value) {
    public MessageId {
        if (value <= 0) {
            throw new IllegalArgumentException("message id must be positive: " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}

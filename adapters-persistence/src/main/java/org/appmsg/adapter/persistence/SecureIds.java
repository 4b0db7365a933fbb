package org.appmsg.adapter.persistence;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import org.appmsg.application.port.out.IdGenerator;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.message.MessageId;

/**
 * The {@link IdGenerator} port. Message ids are 41 bits of milliseconds since 2025-01-01, 10 bits of node id and
 * 12 bits of sequence: positive, unique per node, and ordered by time across nodes.
 */
final class SecureIds implements IdGenerator {

    static final long EPOCH_MILLIS = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
    static final int MAX_NODE = (1 << 10) - 1;
    private static final int SEQUENCE_BITS = 12;
    private static final int NODE_BITS = 10;
    private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;
    private static final long MAX_MILLIS = (1L << 41) - 1;
    // Ids leave out '_' (they end up in keys such as uid_device@user), so base64url does not fit; 62 letters do.
    private static final char[] ID_ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int ENTITY_ID_LENGTH = 20;
    private static final int SECRET_BYTES = 32;

    private final Clock clock;
    private final long node;
    private final SecureRandom random = new SecureRandom();
    /** (millis since EPOCH << 12) | sequence of the last id handed out; only ever grows. */
    private final AtomicLong last = new AtomicLong();

    SecureIds(Clock clock, int node) {
        if (node < 0 || node > MAX_NODE) {
            throw new IllegalArgumentException("node id must be within 0.." + MAX_NODE + ": " + node);
        }
        this.clock = clock;
        this.node = node;
    }

    @Override
    public MessageId nextMessageId() {
        long now = Math.max(0, clock.millis() - EPOCH_MILLIS) << SEQUENCE_BITS;
        // A clock that went back, or 4096 ids within one millisecond, just keep counting from the last state:
        // the sequence carries into the millisecond part, so ids never repeat and never decrease.
        long state = last.updateAndGet(prev -> Math.max(prev + 1, now));
        long millis = state >>> SEQUENCE_BITS;
        if (millis > MAX_MILLIS) {
            throw new IllegalStateException("message id space exhausted (year 2094)");
        }
        long id = (millis << (NODE_BITS + SEQUENCE_BITS)) | (node << SEQUENCE_BITS) | (state & SEQUENCE_MASK);
        return new MessageId(id); // positive: state >= 1, and bit 63 stays clear
    }

    @Override
    public String newEntityId() {
        char[] id = new char[ENTITY_ID_LENGTH];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_ALPHABET[random.nextInt(ID_ALPHABET.length)];
        }
        return new String(id);
    }

    @Override
    public Secret newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return new Secret(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }
}

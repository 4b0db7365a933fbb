package org.appmsg.adapter.ws;

import java.nio.charset.StandardCharsets;
import org.appmsg.domain.message.MailboxEntry;

/**
 * One mailbox entry on its way to sockets: each wire format is encoded (JSON envelope and UTF-8) at
 * most once, however many connections receive it. Not thread-safe: one deliver call or one replay
 * round owns a frame.
 */
final class Frame {

    private final MailboxEntry entry;
    private byte[] current;
    private byte[] legacy;

    Frame(MailboxEntry entry) {
        this.entry = entry;
    }

    long mid() {
        return entry.mid();
    }

    /** The text frame payload: {@code {"msg":{…}}} for clients that sent {@code ver}, else the legacy string form. */
    byte[] payload(boolean newFormat) {
        if (newFormat) {
            if (current == null) {
                current = entry.envelope().getBytes(StandardCharsets.UTF_8);
            }
            return current;
        }
        if (legacy == null) {
            legacy = entry.legacyEnvelope().getBytes(StandardCharsets.UTF_8);
        }
        return legacy;
    }
}

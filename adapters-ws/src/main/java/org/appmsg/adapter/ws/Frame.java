package org.appmsg.adapter.ws;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.session.SessionId;

/**
 * One mailbox entry on its way to sockets: each wire format is encoded (JSON envelope and UTF-8) at
 * most once, however many connections receive it, and only if one does; so is the TCP bulk string around
 * it. A live frame adds the recipient's {@code activeSessions} to the message at that point. Not
 * thread-safe: one deliver call or one replay round owns a frame.
 */
final class Frame {

    private MailboxEntry entry;
    private List<SessionId> activeSessions; // null once added to entry, or for a replayed (stored) copy
    private byte[] current;
    private byte[] legacy;
    private byte[] currentBulk;
    private byte[] legacyBulk;

    /** A stored copy, as replay sends it. */
    Frame(MailboxEntry entry) {
        this.entry = entry;
    }

    /** A live copy, which carries the recipient's active sessions. */
    Frame(MailboxEntry entry, List<SessionId> activeSessions) {
        this.entry = entry;
        this.activeSessions = activeSessions;
    }

    long mid() {
        return entry.mid();
    }

    /** The text frame payload: {@code {"msg":{…}}} for clients that sent {@code ver}, else the legacy string form. */
    byte[] payload(boolean newFormat) {
        if (activeSessions != null) {
            entry = entry.withActiveSessions(activeSessions);
            activeSessions = null;
        }
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

    /** The payload as a legacy TCP bulk string: {@code $<byte length>\r\n<payload>\r\n}. */
    byte[] bulk(boolean newFormat) {
        byte[] cached = newFormat ? currentBulk : legacyBulk;
        if (cached != null) {
            return cached;
        }
        byte[] payload = payload(newFormat);
        byte[] header = ("$" + payload.length + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] bulk = new byte[header.length + payload.length + 2];
        System.arraycopy(header, 0, bulk, 0, header.length);
        System.arraycopy(payload, 0, bulk, header.length, payload.length);
        bulk[bulk.length - 2] = '\r';
        bulk[bulk.length - 1] = '\n';
        if (newFormat) {
            currentBulk = bulk;
        } else {
            legacyBulk = bulk;
        }
        return bulk;
    }
}

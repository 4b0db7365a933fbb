package org.appmsg.adapter.ws;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.shared.JsonText;

/**
 * One mailbox entry on its way to sockets: each wire format is encoded (JSON envelope and UTF-8) at
 * most once, however many connections receive it, and only if one does; so is the TCP bulk string around
 * it. A live frame adds the recipient's {@code activeSessions} to the message at that point. Two threads
 * may encode the same frame at once (the deliver call and a resuming connection's replay); they compute the
 * same bytes.
 *
 * <p>The live copies of one message (a group's members, an application push's recipients) differ only in
 * their mid and {@code activeSessions}: they share a {@link Body}, which encodes the message once, so each
 * member's payload is that shared prefix and a short suffix of its own.
 */
final class Frame {

    private static final byte[] GID = ",\"gid\":0}".getBytes(StandardCharsets.US_ASCII);

    private final MailboxEntry entry;
    private final List<SessionId> activeSessions; // null for a replayed (stored) copy
    private final Body body;
    // volatile: a frame held back by a connection's sequencer is encoded later on the thread that releases it, while
    // the deliver thread may encode it for another connection; both compute the same bytes, each sees whole arrays
    private volatile byte[] current;
    private volatile byte[] legacy;
    private volatile byte[] currentBulk;
    private volatile byte[] legacyBulk;
    private volatile byte[] currentWebSocket;
    private volatile byte[] legacyWebSocket;

    /** A stored copy, as replay sends it. */
    Frame(MailboxEntry entry) {
        this(entry, null, null);
    }

    /**
     * A live copy, which carries the recipient's active sessions; the copies of one message share {@code body},
     * which must {@link Body#encodes encode} this entry's JSON.
     */
    Frame(MailboxEntry entry, List<SessionId> activeSessions, Body body) {
        this.entry = entry;
        this.activeSessions = activeSessions;
        this.body = body;
    }

    long mid() {
        return entry.mid();
    }

    /** The text frame payload: {@code {"msg":{…}}} for clients that sent {@code ver}, else the legacy string form. */
    byte[] payload(boolean newFormat) {
        if (newFormat) {
            if (current == null) {
                current = activeSessions == null ? utf8(entry.envelope()) : body.live(true, activeSessions, entry.mid());
            }
            return current;
        }
        if (legacy == null) {
            legacy = activeSessions == null ? utf8(entry.legacyEnvelope())
                    : body.live(false, activeSessions, entry.mid());
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

    /** The payload as one unmasked, final WebSocket text frame (RFC 6455 §5.2), header included. */
    byte[] webSocket(boolean newFormat) {
        byte[] cached = newFormat ? currentWebSocket : legacyWebSocket;
        if (cached != null) {
            return cached;
        }
        byte[] wire = webSocketText(payload(newFormat));
        if (newFormat) {
            currentWebSocket = wire;
        } else {
            legacyWebSocket = wire;
        }
        return wire;
    }

    /**
     * {@code payload} (UTF-8 text) as a server-to-client WebSocket frame: FIN and opcode 1, then the length in 7
     * bits, or 126 and 16 bits, or 127 and 64 bits, big-endian; a server never masks.
     */
    static byte[] webSocketText(byte[] payload) {
        int length = payload.length;
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        byte[] wire = new byte[header + length];
        wire[0] = (byte) 0x81;
        if (header == 2) {
            wire[1] = (byte) length;
        } else if (header == 4) {
            wire[1] = 126;
            wire[2] = (byte) (length >>> 8);
            wire[3] = (byte) length;
        } else {
            wire[1] = 127;
            for (int i = 0; i < 8; i++) {
                wire[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, wire, header, length);
        return wire;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A message's JSON, encoded once for every live copy of it: the envelope's start and the message object up to
     * its closing brace, in each format, each encoded on first use. A live payload is that prefix, then the
     * copy's {@code activeSessions}, the closing brace, its mid and the envelope's end: byte for byte what
     * {@link MailboxEntry#withActiveSessions} and the envelopes give. Shared like a frame, and safe for it.
     */
    static final class Body {

        private final String json;
        private volatile byte[] currentPrefix; // volatile for the same reason as a frame's encodings
        private volatile byte[] legacyPrefix;

        Body(String json) {
            this.json = json;
        }

        /** Whether this body encodes {@code json}: the same instance, as the copies of one stored message are. */
        boolean encodes(String other) {
            return json == other; // identity on purpose: equal copies are rare, and equals would read both
        }

        byte[] live(boolean newFormat, List<SessionId> active, long mid) {
            String tail = MailboxEntry.activeSessionsTail(json, active);
            byte[] prefix;
            String suffix;
            if (newFormat) {
                if (currentPrefix == null) {
                    currentPrefix = utf8("{\"msg\":" + json.substring(0, json.lastIndexOf('}')));
                }
                prefix = currentPrefix;
                suffix = tail + ",\"mid\":" + mid;
            } else {
                if (legacyPrefix == null) {
                    String quoted = JsonText.quote(json.substring(0, json.lastIndexOf('}')));
                    legacyPrefix = utf8("{\"msg\":" + quoted.substring(0, quoted.length() - 1)); // still open
                }
                prefix = legacyPrefix;
                suffix = JsonText.quote(tail).substring(1) + ",\"mid\":" + mid;
            }
            byte[] end = utf8(suffix);
            byte[] out = new byte[prefix.length + end.length + GID.length];
            System.arraycopy(prefix, 0, out, 0, prefix.length);
            System.arraycopy(end, 0, out, prefix.length, end.length);
            System.arraycopy(GID, 0, out, prefix.length + end.length, GID.length);
            return out;
        }
    }
}

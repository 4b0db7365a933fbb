package org.appmsg.domain.message;

import java.util.List;
import java.util.Objects;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.shared.JsonText;

/**
 * One message in one mailbox. {@code mid} is the mailbox's own sequence number: strictly increasing
 * per mailbox, with no two entries of a mailbox sharing one; a reader that remembers the last mid it
 * saw asks for everything after it. A live-only copy ({@link #liveOnly}) has mid 0: no mailbox holds
 * it, and a reader must not take it as its cursor. No mid exceeds {@link #MAX_MID}.
 */
public record MailboxEntry(Name mailbox, long mid, MessageId messageId, String json) {

    /**
     * The largest mid a mailbox gives out: 2<sup>53</sup> − 1 = 9007199254740991, the largest integer that a
     * JavaScript number (the browser client's cursor) holds exactly. A mailbox that reached it takes no more entries.
     */
    public static final long MAX_MID = (1L << 53) - 1;

    public MailboxEntry {
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(json, "json");
        if (mid < 0 || mid > MAX_MID) {
            throw new IllegalArgumentException("mid must be within 0.." + MAX_MID + ": " + mid);
        }
    }

    /** A copy of a message that is delivered to live sessions only (a push with {@code expire} 0), never stored. */
    public static MailboxEntry liveOnly(Name mailbox, MessageId messageId, String json) {
        return new MailboxEntry(mailbox, 0, messageId, json);
    }

    /** False for a {@link #liveOnly} copy. */
    public boolean stored() {
        return mid > 0;
    }

    /**
     * The same entry with {@code activeSessions} (legacy §7.5: the recipient's active sessions among those
     * the push reached) added to its message object, for a live frame; stored copies do not carry it.
     */
    public MailboxEntry withActiveSessions(List<SessionId> active) {
        return new MailboxEntry(mailbox, mid, messageId, json.substring(0, json.lastIndexOf('}'))
                + activeSessionsTail(json, active));
    }

    /**
     * What {@link #withActiveSessions} puts in place of the message object's closing brace: the
     * {@code activeSessions} member (after a comma unless the object is empty) and the brace. The gateway
     * appends it to a prefix it encodes once for all the live copies of a message.
     */
    public static String activeSessionsTail(String json, List<SessionId> active) {
        StringBuilder b = new StringBuilder(32 + active.size() * 40);
        b.append(json.length() > 2 ? "," : "").append("\"activeSessions\":[");
        for (int i = 0; i < active.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            JsonText.quote(b, active.get(i).value());
        }
        return b.append("]}").toString();
    }

    /** The frame envelope, new format: {@code msg} is the message object itself. */
    public String envelope() {
        return "{\"msg\":" + json + ",\"mid\":" + mid + ",\"gid\":0}";
    }

    /** The frame envelope, old format (clients that sent no {@code ver}): {@code msg} is a JSON string. */
    public String legacyEnvelope() {
        StringBuilder b = new StringBuilder(json.length() + 48).append("{\"msg\":");
        JsonText.quote(b, json);
        return b.append(",\"mid\":").append(mid).append(",\"gid\":0}").toString();
    }
}

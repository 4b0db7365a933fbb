package org.appmsg.domain.apns;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.appmsg.domain.message.MessageFields;
import org.appmsg.domain.message.MessageType;
import org.appmsg.domain.shared.JsonText;

/**
 * The notification Apple shows for a stored message (docs/apns.md):
 * <pre>{"aps":{"alert":{"title":…,"body":…},"sound":"default"},"msgId":"…","mid":N,"from":"…"[,"sender":"…"]}</pre>
 * {@code title} is the sender's display name (a group's topic for group messages and notices); {@code body} follows
 * the message type: the text for text and custom types, {@code [image]}, {@code [voice]}, {@code [file]},
 * {@code [link]} for those, a group notice's text as it is, and {@code nick: text} for a group message (the
 * {@code from|name|nick&&} prefix group copies carry is taken apart). Title and body are cut at
 * {@link #MAX_TITLE} and {@link #MAX_BODY} characters (whole code points, an ellipsis marks the cut), which keeps
 * every payload far below Apple's 4 KB. {@code msgId} and {@code mid} let the app fetch exactly this message;
 * {@code from} is {@code fromUserName}, and a group message adds the member who wrote it as {@code sender}. There is
 * no badge: the server does not know cheaply how many messages a device has not fetched.
 *
 * <p>The members of the message's {@code customFilelds} object (legacy's spelling) follow as top-level keys, as
 * legacy did; a member named like one of the server's own keys ({@link #RESERVED}) is left out. A payload must fit
 * Apple's {@link #MAX_BYTES}: when custom fields make it larger, the body is cut further (down to the ellipsis
 * alone), and if that is not enough the custom fields are left out, so the payload is always valid.
 */
public final class ApnsPayload {

    public static final int MAX_TITLE = 64;
    public static final int MAX_BODY = 180;
    /** Apple's limit for a notification's payload, in UTF-8 bytes. */
    public static final int MAX_BYTES = 4096;
    /** The keys the server writes itself; custom fields cannot replace them. */
    static final Set<String> RESERVED = Set.of("aps", "msgId", "mid", "from", "sender");

    private ApnsPayload() {}

    public static String of(MessageFields m, long mid) {
        String body = body(m);
        String sender = "";
        if (m.fromUserName().endsWith("@qun") && m.msgType() != MessageType.Known.GROUP_NOTICE.code()) {
            int split = m.content().indexOf("&&");
            if (split > 0) {
                String[] prefix = m.content().substring(0, split).split("\\|", 3);
                sender = prefix[0];
                String nick = prefix.length == 3 ? prefix[2] : sender;
                body = nick + ": " + body;
            }
        }
        String title = cut(m.fromDisplayName(), MAX_TITLE);
        String text = cut(body, MAX_BODY);
        String payload = payload(m, mid, sender, title, text, m.customFields());
        if (bytes(payload) <= MAX_BYTES) {
            return payload;
        }
        // too large with the custom fields: shorten the body by what is over (at least one code point a round)
        int points = text.codePointCount(0, text.length());
        while (points > 1) {
            int over = bytes(payload) - MAX_BYTES;
            points = Math.max(1, Math.min(points - 1, points - over / 6));
            text = cut(body, points);
            payload = payload(m, mid, sender, title, text, m.customFields());
            if (bytes(payload) <= MAX_BYTES) {
                return payload;
            }
        }
        return payload(m, mid, sender, title, cut(body, MAX_BODY), Map.of());
    }

    private static String payload(MessageFields m, long mid, String sender, String title, String body,
            Map<String, String> custom) {
        String alert = new JsonText().string("title", title).string("body", body).end();
        String aps = new JsonText().raw("alert", alert).string("sound", "default").end();
        JsonText payload = new JsonText().raw("aps", aps).string("msgId", m.msgId()).number("mid", mid)
                .string("from", m.fromUserName());
        if (!sender.isEmpty()) {
            payload.string("sender", sender);
        }
        custom.forEach((key, json) -> {
            if (!RESERVED.contains(key)) {
                payload.raw(key, json);
            }
        });
        return payload.end();
    }

    private static int bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The body text by message type (see the class comment); group messages get their prefix removed. */
    static String body(MessageFields m) {
        String text = m.content();
        if (m.fromUserName().endsWith("@qun") && m.msgType() != MessageType.Known.GROUP_NOTICE.code()) {
            int split = text.indexOf("&&");
            if (split > 0) {
                text = text.substring(split + 2);
            }
        }
        return switch (m.msgType()) {
            case 2 -> "[file]";
            case 3 -> "[image]";
            case 4 -> "[voice]";
            case 5 -> "[link]";
            default -> text;
        };
    }

    /** {@code text} cut to at most {@code max} code points, the last one an ellipsis when cut. */
    static String cut(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }
}

package org.appmsg.domain.message;

import java.util.LinkedHashMap;
import java.util.Map;
import org.appmsg.domain.shared.DomainViolation;

/**
 * The top-level fields of a stored message object (legacy §7.5) that a notification about it needs, read back
 * from the JSON the domain wrote ({@link org.appmsg.domain.shared.JsonText}). Nested values ({@code objectContent})
 * are skipped, not parsed. Absent fields read as empty strings, msgType and expire (seconds) as 0.
 * {@code customFields} are the members of the message's {@code customFilelds} object (legacy's spelling), each
 * key with its value as JSON text in the order written; empty when it is absent or not an object.
 */
public record MessageFields(String msgId, String fromUserName, String fromDisplayName, int msgType, String content,
        long expire, Map<String, String> customFields) {

    public MessageFields {
        customFields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(customFields));
    }

    /** A message without custom fields. */
    public MessageFields(String msgId, String fromUserName, String fromDisplayName, int msgType, String content,
            long expire) {
        this(msgId, fromUserName, fromDisplayName, msgType, content, expire, Map.of());
    }

    /** Reads {@code json}, a JSON object; throws {@link DomainViolation} when it is not one. */
    public static MessageFields read(String json) {
        var r = new Reader(json);
        String msgId = "";
        String from = "";
        String fromDisplay = "";
        int type = 0;
        String content = "";
        long expire = 0;
        Map<String, String> custom = new LinkedHashMap<>();
        r.expect('{');
        if (!r.peekIs('}')) {
            do {
                String key = r.string();
                r.expect(':');
                switch (key) {
                    case "msgId" -> msgId = r.string();
                    case "fromUserName" -> from = r.string();
                    case "fromDisplayName" -> fromDisplay = r.string();
                    case "content" -> content = r.string();
                    case "msgType" -> type = (int) r.integer();
                    case "expire" -> expire = r.integer();
                    case "customFilelds" -> r.members(custom);
                    default -> r.skipValue();
                }
            } while (r.next(','));
        }
        r.expect('}');
        return new MessageFields(msgId, from, fromDisplay, type, content, expire, custom);
    }

    /** A cursor over JSON text; enough of RFC 8259 for the objects the domain writes. */
    private static final class Reader {
        private final String s;
        private int i;

        Reader(String s) {
            this.s = s;
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        boolean peekIs(char c) {
            ws();
            return i < s.length() && s.charAt(i) == c;
        }

        boolean next(char c) {
            if (peekIs(c)) {
                i++;
                return true;
            }
            return false;
        }

        void expect(char c) {
            if (!next(c)) {
                throw malformed();
            }
        }

        String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                if (i >= s.length()) {
                    break;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        if (i + 4 > s.length()) {
                            throw malformed();
                        }
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> b.append(e); // " \ /
                }
            }
            throw malformed();
        }

        long integer() {
            ws();
            int start = i;
            while (i < s.length() && "-+0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            try {
                return (long) Double.parseDouble(s.substring(start, i));
            } catch (NumberFormatException e) {
                throw malformed();
            }
        }

        /** An object's members into {@code out} (key, value as JSON text); any other value is skipped. */
        void members(Map<String, String> out) {
            if (!peekIs('{')) {
                skipValue();
                return;
            }
            i++;
            if (next('}')) {
                return;
            }
            do {
                String key = string();
                expect(':');
                ws();
                int start = i;
                skipValue();
                out.put(key, s.substring(start, i).strip());
            } while (next(','));
            expect('}');
        }

        void skipValue() {
            ws();
            if (i >= s.length()) {
                throw malformed();
            }
            char c = s.charAt(i);
            if (c == '"') {
                string();
            } else if (c == '{' || c == '[') {
                int depth = 0;
                do {
                    char d = s.charAt(i);
                    if (d == '"') {
                        string();
                        continue;
                    }
                    if (d == '{' || d == '[') {
                        depth++;
                    } else if (d == '}' || d == ']') {
                        depth--;
                    }
                    i++;
                } while (depth > 0 && i < s.length());
            } else {
                while (i < s.length() && ",}] \t\r\n".indexOf(s.charAt(i)) < 0) {
                    i++;
                }
            }
        }

        private DomainViolation malformed() {
            return new DomainViolation("message.json_malformed", "not a message object at offset " + i);
        }
    }
}

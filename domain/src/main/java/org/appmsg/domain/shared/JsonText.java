package org.appmsg.domain.shared;

/**
 * Writes a flat JSON object field by field. The domain encodes each message once, here, and every
 * adapter ships those bytes unchanged; raw values must already be valid JSON (the adapters that
 * accept them from clients re-serialise what they parsed).
 */
public final class JsonText {

    private final StringBuilder out = new StringBuilder(256).append('{');
    private boolean first = true;

    public JsonText string(String key, String value) {
        key(key);
        quote(out, value);
        return this;
    }

    public JsonText number(String key, long value) {
        key(key);
        out.append(value);
        return this;
    }

    public JsonText raw(String key, String json) {
        key(key);
        out.append(json);
        return this;
    }

    public String end() {
        return out.append('}').toString();
    }

    private void key(String key) {
        if (!first) {
            out.append(',');
        }
        first = false;
        quote(out, key);
        out.append(':');
    }

    /** Appends {@code s} as a JSON string literal, escaping what RFC 8259 requires. */
    public static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        quote(b, s);
        return b.toString();
    }
}

package org.appmsg.adapter.ws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.session.SubscriptionKey;
import org.appmsg.domain.shared.DomainViolation;

/**
 * The query of {@code /sub?key=…&heartbeat=…&token=…[&ver=…][&mid=N]}. {@code ver} selects the new frame
 * format when it has a non-empty value (as the legacy server read it); {@code mid} asks for a replay. The TCP
 * listener builds the same request from its command's arguments ({@link TcpCommand}).
 */
record SubscribeRequest(SubscriptionKey key, int heartbeatSeconds, Secret token, boolean newFormat,
        OptionalLong resumeAfter) {

    static final String PATH = "/sub";
    static final int MAX_HEARTBEAT_SECONDS = 3600;

    sealed interface Parsed {
        record Valid(SubscribeRequest request) implements Parsed {}

        /** Answered with {@code -p}: missing or malformed key, heartbeat or mid. */
        record BadParams(String why) implements Parsed {}

        /** Answered with {@code -a}: no usable token. */
        record NoToken() implements Parsed {}
    }

    static String path(String resource) {
        int q = resource.indexOf('?');
        return q < 0 ? resource : resource.substring(0, q);
    }

    static Parsed parse(String resource, int minHeartbeatSeconds) {
        Map<String, String> query;
        try {
            query = query(resource);
        } catch (IllegalArgumentException e) {
            return new Parsed.BadParams("malformed query");
        }
        return of(query.get("key"), query.get("heartbeat"), query.get("token"), query.get("ver"), query.get("mid"),
                minHeartbeatSeconds);
    }

    /**
     * The request from raw parameter values, {@code null} when absent; shared by the WebSocket query and the
     * TCP command. Checked in order key, heartbeat, mid, then token.
     */
    static Parsed of(String keyText, String heartbeatText, String tokenText, String ver, String midText,
            int minHeartbeatSeconds) {
        SubscriptionKey key;
        try {
            key = SubscriptionKey.parse(keyText);
        } catch (DomainViolation e) {
            return new Parsed.BadParams(e.getMessage());
        }
        long heartbeat = number(heartbeatText);
        if (heartbeat < minHeartbeatSeconds || heartbeat > MAX_HEARTBEAT_SECONDS) {
            return new Parsed.BadParams("heartbeat must be " + minHeartbeatSeconds + "-" + MAX_HEARTBEAT_SECONDS + " seconds");
        }
        OptionalLong mid = OptionalLong.empty();
        if (midText != null) {
            long value = number(midText);
            if (value < 0) {
                return new Parsed.BadParams("mid must be a non-negative integer");
            }
            mid = OptionalLong.of(value);
        }
        Secret token;
        try {
            token = new Secret(tokenText);
        } catch (DomainViolation e) {
            return new Parsed.NoToken();
        }
        return new Parsed.Valid(new SubscribeRequest(key, (int) heartbeat, token, ver != null && !ver.isEmpty(), mid));
    }

    /** First value of each parameter, URL-decoded. */
    private static Map<String, String> query(String resource) {
        Map<String, String> params = new HashMap<>();
        int q = resource.indexOf('?');
        if (q < 0) {
            return params;
        }
        for (String pair : resource.substring(q + 1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
        return params;
    }

    /** The decimal value, or -1 when absent or not a non-negative decimal integer. */
    private static long number(String text) {
        if (text == null || text.isEmpty() || text.length() > 19) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return -1;
            }
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

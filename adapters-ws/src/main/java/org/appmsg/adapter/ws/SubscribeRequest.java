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
 * format when it has a non-empty value (as the legacy server read it); {@code mid} asks for a replay.
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
        SubscriptionKey key;
        try {
            key = SubscriptionKey.parse(query.get("key"));
        } catch (DomainViolation e) {
            return new Parsed.BadParams(e.getMessage());
        }
        long heartbeat = number(query.get("heartbeat"));
        if (heartbeat < minHeartbeatSeconds || heartbeat > MAX_HEARTBEAT_SECONDS) {
            return new Parsed.BadParams("heartbeat must be " + minHeartbeatSeconds + "-" + MAX_HEARTBEAT_SECONDS + " seconds");
        }
        OptionalLong mid = OptionalLong.empty();
        if (query.containsKey("mid")) {
            long value = number(query.get("mid"));
            if (value < 0) {
                return new Parsed.BadParams("mid must be a non-negative integer");
            }
            mid = OptionalLong.of(value);
        }
        Secret token;
        try {
            token = new Secret(query.get("token"));
        } catch (DomainViolation e) {
            return new Parsed.NoToken();
        }
        String ver = query.get("ver");
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

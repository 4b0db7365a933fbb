package org.appmsg.adapter.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CORS for the HTTP API: a page served from another origin may call the API only when that origin is
 * configured ({@code APPMSG_CORS_ORIGINS}). The server's own pages (/web/) are same-origin and need no
 * entry. Requests carry the token in the body or query, never in cookies, so no credentials are allowed.
 * An origin that is not configured gets no CORS headers (the browser then hides the answer from the
 * page) and a refused preflight.
 */
final class CrossOrigin {

    /** {@code scheme://host[:port]}, as browsers send it in {@code Origin}; or {@code *} for any origin. */
    static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?|https?://\\[[0-9A-Fa-f:.]{2,45}](:[0-9]{1,5})?");
    private static final String ANY = "*";

    private final Set<String> origins;

    CrossOrigin(List<String> origins) {
        this.origins = Set.copyOf(origins.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList());
    }

    /** Checks one configured entry; the message names the problem. */
    static void check(String origin) {
        if (!ANY.equals(origin) && !ORIGIN.matcher(origin).matches()) {
            throw new IllegalArgumentException("not an origin (scheme://host[:port], no path) nor *: " + origin);
        }
    }

    private boolean allows(String origin) {
        return origin != null && (origins.contains(ANY) || origins.contains(origin.toLowerCase(Locale.ROOT)));
    }

    /** Before every API request: the allow header for a configured origin. */
    void decorate(Context ctx) {
        String origin = ctx.header("Origin");
        ctx.header("Vary", "Origin");
        if (allows(origin)) {
            ctx.header("Access-Control-Allow-Origin", origin);
        }
    }

    /** {@code OPTIONS}: 204 with the methods and headers the API takes, for a configured origin; else 403. */
    void preflight(Context ctx) {
        if (!allows(ctx.header("Origin"))) {
            ctx.status(403).result("origin not allowed");
            return;
        }
        ctx.status(204)
                .header("Access-Control-Allow-Methods", "GET, POST")
                .header("Access-Control-Allow-Headers", "Content-Type")
                .header("Access-Control-Max-Age", "600");
    }
}

package org.appmsg.adapter.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/**
 * The browser client library ({@code /js/appmsg.js}, {@code /js/appmsg.d.ts}) and the web app
 * ({@code /web/}), read from the classpath folder {@code webroot/} and kept in memory after the first
 * request. Every answer carries a strict Content-Security-Policy: scripts, styles and the API only from
 * this origin, WebSocket only to this node's gateway (another port, so another origin), no frames, no
 * plugins; images may also come from the file store's http(s) links that image messages carry.
 */
final class WebAssets {

    /** One path segment: no slashes, no "..", nothing hidden. */
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "mjs", "text/javascript; charset=utf-8",
            "ts", "text/plain; charset=utf-8",
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "json", "application/json");

    private final IntSupplier webSocketPort;
    /** Only files that exist are kept, so the cache is bounded by what {@code webroot/} holds. */
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    WebAssets(IntSupplier webSocketPort) {
        this.webSocketPort = webSocketPort;
    }

    /** {@code GET /js/{file}}. */
    void library(Context ctx) {
        serve(ctx, "js/" + ctx.pathParam("file"));
    }

    /** {@code GET /web} and {@code /web/}: the app's page; the bare path redirects so relative links work. */
    void app(Context ctx) {
        if (!ctx.path().endsWith("/")) {
            ctx.redirect("/web/");
            return;
        }
        serve(ctx, "web/index.html");
    }

    /** {@code GET /web/{file}}. */
    void appFile(Context ctx) {
        serve(ctx, "web/" + ctx.pathParam("file"));
    }

    private void serve(Context ctx, String path) {
        String name = path.substring(path.indexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1));
        Optional<byte[]> body = FILE.matcher(name).matches() && type != null ? cached(path) : Optional.empty();
        securityHeaders(ctx);
        if (body.isEmpty()) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("not found");
            return;
        }
        ctx.header("Cache-Control", "no-cache").contentType(type).result(body.get());
    }

    private void securityHeaders(Context ctx) {
        String ws = PublicEndpoints.host(ctx) + ":" + webSocketPort.getAsInt();
        ctx.header("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; "
                + "img-src 'self' data: http: https:; connect-src 'self' ws://" + ws + " wss://" + ws + "; "
                + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
    }

    private Optional<byte[]> cached(String path) {
        byte[] known = cache.get(path);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<byte[]> read = read(path);
        read.ifPresent(bytes -> cache.put(path, bytes));
        return read;
    }

    private static Optional<byte[]> read(String path) {
        try (InputStream in = WebAssets.class.getClassLoader().getResourceAsStream("webroot/" + path)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.appmsg.adapter.http;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import org.appmsg.application.port.in.FetchMailboxUseCase;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.session.SubscriptionKey;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.JsonText;

/**
 * The public gopush endpoints {@code /1/msg/get} ({@link FetchMailboxUseCase}), {@code /1/time/get}
 * and {@code /1/server/get}: GET with query parameters, {@code {"ret":…,"data":…}}, JSONP via {@code cb}.
 */
final class PublicEndpoints {

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}]");
    private static final int WEBSOCKET = 1;
    private static final int TCP = 2;

    private final FetchMailboxUseCase fetchMailbox;
    private final Clock clock;
    private final IntSupplier webSocketPort;
    private final IntSupplier tcpPort;
    private final ServerDirectory servers;

    PublicEndpoints(FetchMailboxUseCase fetchMailbox, Clock clock, IntSupplier webSocketPort, IntSupplier tcpPort,
            ServerDirectory servers) {
        this.fetchMailbox = fetchMailbox;
        this.clock = clock;
        this.webSocketPort = webSocketPort;
        this.tcpPort = tcpPort;
        this.servers = servers;
    }

    Reply fetchMessages(Context ctx) {
        Envelope.checkCallback(ctx);
        SubscriptionKey key = key(ctx);
        long afterMid = number(ctx, "m", 0, 0, Long.MAX_VALUE);
        int limit = (int) number(ctx, "limit", FetchMailboxUseCase.Query.DEFAULT_LIMIT, 1,
                FetchMailboxUseCase.Query.MAX_LIMIT);
        String token = ctx.queryParam("token");
        if (token == null || token.isEmpty()) {
            throw new BadRequestException("token is required");
        }
        var query = new FetchMailboxUseCase.Query(new Secret(token), key, afterMid, limit);

        return switch (fetchMailbox.fetch(query)) {
            case FetchMailboxUseCase.Result.Page page when page.entries().isEmpty() -> Envelope.publicOk(ctx, "");
            case FetchMailboxUseCase.Result.Page page -> Envelope.publicOk(ctx, msgs(page));
            case FetchMailboxUseCase.Result.Unauthorized u ->
                    Envelope.publicRefusal(ctx, 200, Ret.AUTH_ERR, "token is not valid for this key");
        };
    }

    /** Entries are already-encoded JSON: they are concatenated, never parsed again. */
    private static String msgs(FetchMailboxUseCase.Result.Page page) {
        StringBuilder data = new StringBuilder(256 * page.entries().size()).append("{\"msgs\":[");
        boolean first = true;
        for (MailboxEntry entry : page.entries()) {
            if (!first) {
                data.append(',');
            }
            first = false;
            data.append(entry.envelope());
        }
        return data.append("],\"more\":").append(page.more()).append('}').toString();
    }

    /** Unix time in microseconds, the unit of mids. */
    Reply time(Context ctx) {
        Envelope.checkCallback(ctx);
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
        return Envelope.publicOk(ctx, "{\"timeid\":" + micros + "}");
    }

    /**
     * Any node serves any key, so the answer is this node, under the host name the client used to
     * reach it. {@code k} is still required and checked, as the legacy clients always send it. A listener whose
     * port reads 0 is not open (not started yet, or draining): the answer is the legacy "no comet" code.
     */
    Reply server(Context ctx) {
        Envelope.checkCallback(ctx);
        SubscriptionKey key = key(ctx);
        String p = ctx.queryParam("p");
        if (p == null || p.isEmpty()) {
            throw new BadRequestException("p is required (1 = WebSocket, 2 = TCP)");
        }
        if (p.equals("1") || p.equals("2")) {
            var chosen = servers.address(key, p.equals("2"));
            if (chosen.isPresent()) {
                StringBuilder b = new StringBuilder("{\"server\":");
                JsonText.quote(b, chosen.get());
                return Envelope.publicOk(ctx, b.append('}').toString());
            }
        }
        return switch (p) {
            case "1" -> webSocketPort.getAsInt() > 0
                    ? Envelope.publicOk(ctx, "{\"server\":\"" + host(ctx) + ":" + webSocketPort.getAsInt() + "\"}")
                    : Envelope.publicRefusal(ctx, 200, Ret.NOT_FOUND_SERVER, "no WebSocket gateway open on this node");
            case "2" -> tcpPort.getAsInt() > 0
                    ? Envelope.publicOk(ctx, "{\"server\":\"" + host(ctx) + ":" + tcpPort.getAsInt() + "\"}")
                    : Envelope.publicRefusal(ctx, 200, Ret.NOT_FOUND_SERVER, "no TCP listener on this node");
            default -> throw new BadRequestException("p must be " + WEBSOCKET + " (WebSocket) or " + TCP + " (TCP)");
        };
    }

    private static SubscriptionKey key(Context ctx) {
        String k = ctx.queryParam("k");
        if (k == null || k.isEmpty()) {
            throw new BadRequestException("k is required, e.g. 123@user or 123_Android-abc@user");
        }
        try {
            return SubscriptionKey.parse(k);
        } catch (DomainViolation e) {
            throw new BadRequestException("k: " + e.getMessage());
        }
    }

    private static long number(Context ctx, String name, long absent, long min, long max) {
        String text = ctx.queryParam(name);
        if (text == null || text.isEmpty()) {
            return absent;
        }
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new BadRequestException(name + " must be an integer");
        }
        if (value < min || value > max) {
            throw new BadRequestException(name + (max == Long.MAX_VALUE
                    ? " must not be negative" : " must be between " + min + " and " + max));
        }
        return value;
    }

    /** The Host header without its port; the local address when the header is absent or odd. */
    static String host(Context ctx) {
        String host = ctx.header("Host");
        if (host != null) {
            int colon = host.lastIndexOf(':');
            if (colon > host.lastIndexOf(']')) {
                host = host.substring(0, colon);
            }
            if (HOST_NAME.matcher(host).matches()) {
                return host;
            }
        }
        String local = ctx.req().getLocalAddr();
        return local.indexOf(':') >= 0 ? "[" + local + "]" : local;
    }
}

package org.appmsg.adapter.http;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import org.appmsg.application.port.in.FetchMailboxUseCase;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.session.SubscriptionKey;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.JsonText;

/**
 * The public gopush endpoints {@code /1/msg/get} ({@link FetchMailboxUseCase}), {@code /1/time/get},
 * {@code /1/server/get} and {@code /2/server/get}: GET with query parameters, {@code {"ret":…,"data":…}}, JSONP via {@code cb}.
 */
final class PublicEndpoints {

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}]");
    private static final int WEBSOCKET = 1;
    private static final int TCP = 2;
    static final String NO_TCP = "no TCP listener on this node";
    static final String NO_WEBSOCKET = "no WebSocket gateway open on this node";
    static final String TOKEN_REFUSED = "token is not valid for this key";

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
        return switch (fetch(ctx, "k", "m")) {
            case FetchMailboxUseCase.Result.Page page when page.entries().isEmpty() -> Envelope.publicOk(ctx, "");
            case FetchMailboxUseCase.Result.Page page -> Envelope.publicOk(ctx, msgs(page));
            case FetchMailboxUseCase.Result.Unauthorized u ->
                    Envelope.publicRefusal(ctx, 200, Ret.AUTH_ERR, TOKEN_REFUSED);
        };
    }

    /**
     * Reads the mailbox page a fetch asks for: the key in query parameter {@code keyParam}, the last mid the
     * client has in {@code midParam} (default 0), {@code limit} and the required {@code token}.
     */
    FetchMailboxUseCase.Result fetch(Context ctx, String keyParam, String midParam) {
        SubscriptionKey key = key(ctx, keyParam);
        long afterMid = number(ctx, midParam, 0, 0, Long.MAX_VALUE);
        int limit = (int) number(ctx, "limit", FetchMailboxUseCase.Query.DEFAULT_LIMIT, 1,
                FetchMailboxUseCase.Query.MAX_LIMIT);
        String token = ctx.queryParam("token");
        if (token == null || token.isEmpty()) {
            throw new BadRequestException("token is required");
        }
        return fetchMailbox.fetch(new FetchMailboxUseCase.Query(new Secret(token), key, afterMid, limit));
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
        SubscriptionKey key = key(ctx, "k");
        return address(ctx, key, "p").map(a -> Envelope.publicOk(ctx, "{\"server\":" + JsonText.quote(a) + "}"))
                .orElseGet(() -> Envelope.publicRefusal(ctx, 200, Ret.NOT_FOUND_SERVER, noListener(ctx, "p")));
    }

    /**
     * {@code /2/server/get} (upstream gopush): as {@code /1/server/get}, with {@code data.server} a list of the
     * addresses a client may choose from. The key's node has one public address per protocol, so the list has one.
     */
    Reply serverList(Context ctx) {
        Envelope.checkCallback(ctx);
        SubscriptionKey key = key(ctx, "k");
        return address(ctx, key, "p").map(a -> Envelope.publicOk(ctx, "{\"server\":[" + JsonText.quote(a) + "]}"))
                .orElseGet(() -> Envelope.publicRefusal(ctx, 200, Ret.NOT_FOUND_SERVER, noListener(ctx, "p")));
    }

    /**
     * The {@code host:port} the client of {@code key} connects to over the protocol in query parameter
     * {@code protocolParam} (1 = WebSocket, 2 = TCP): the node the cluster names, else this node as the client
     * reached it; empty when this node has no listener of that protocol open (none configured, not yet open while
     * the node starts, or closed while it drains).
     */
    Optional<String> address(Context ctx, SubscriptionKey key, String protocolParam) {
        String p = ctx.queryParam(protocolParam);
        if (p == null || p.isEmpty()) {
            throw new BadRequestException(protocolParam + " is required (1 = WebSocket, 2 = TCP)");
        }
        if (!p.equals("1") && !p.equals("2")) {
            throw new BadRequestException(protocolParam + " must be " + WEBSOCKET + " (WebSocket) or " + TCP
                    + " (TCP)");
        }
        boolean tcp = p.equals("2");
        var chosen = servers.address(key, tcp);
        if (chosen.isPresent()) {
            return chosen;
        }
        int port = tcp ? tcpPort.getAsInt() : webSocketPort.getAsInt();
        return port > 0 ? Optional.of(host(ctx) + ":" + port) : Optional.empty();
    }

    /** Why {@link #address} found none: this node has no listener of that protocol open (yet, or any more). */
    static String noListener(Context ctx, String protocolParam) {
        return "2".equals(ctx.queryParam(protocolParam)) ? NO_TCP : NO_WEBSOCKET;
    }

    /** The subscription key in query parameter {@code param}, required. */
    static SubscriptionKey key(Context ctx, String param) {
        String k = ctx.queryParam(param);
        if (k == null || k.isEmpty()) {
            throw new BadRequestException(param + " is required, e.g. 123@user or 123_Android-abc@user");
        }
        try {
            return SubscriptionKey.parse(k);
        } catch (DomainViolation e) {
            throw new BadRequestException(param + ": " + e.getMessage());
        }
    }

    static long number(Context ctx, String name, long absent, long min, long max) {
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

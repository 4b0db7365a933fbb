package org.appmsg.adapter.http;

import io.javalin.http.Context;
import java.util.Collections;
import java.util.List;
import org.appmsg.domain.net.SourceAddress;
import org.appmsg.domain.net.TrustedProxies;

/**
 * The address a request comes from: the connection's peer, or, when the peer is a configured reverse proxy, the
 * client its {@code X-Forwarded-For} names ({@link TrustedProxies#client}). Nobody else's header is believed.
 */
final class ClientAddress {

    private final TrustedProxies proxies;

    ClientAddress(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    SourceAddress of(Context ctx) {
        var peer = SourceAddress.parseLiteral(ctx.req().getRemoteAddr()); // Jetty gives the literal, never a name
        List<String> forwarded = proxies.trusts(peer)
                ? Collections.list(ctx.req().getHeaders("X-Forwarded-For")) : List.of();
        return SourceAddress.of(proxies.client(peer, forwarded));
    }
}
